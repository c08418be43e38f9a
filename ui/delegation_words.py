"""The few fixed words of a delegation's page in the visitors' languages, dates included.

Visitors read their programme on a phone abroad: the page opens in the first of their delegation's
languages that it speaks, with English always one tap away. Titles, names and places are the plan's
own and stay as staff wrote them. Dates are spelled out here (no locale library needed, and no
dependence on the server's locale).
"""

from __future__ import annotations

from datetime import date, datetime

DEFAULT = "en"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "name": "English",
        "language": "Language",
        "not_published": "Your programme has not been published yet. Please come back later.",
        "not_valid": "This link is not valid.",
        "published": "published {when}",
        "with": "With {people}",
        "lunch": "Lunch break",
        "travel": "Travel to {place}",
        "download": "Add to my calendar (.ics)",
        "subscribe": "Subscribe, so that changes reach your calendar:",
        "day": "{weekday} {day} {month} {year}",
        "moment": "{day:02d} {month} {year}, {clock}",
        "weekdays": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
        "months": "January February March April May June July August September October November December",
    },
    "fr": {
        "name": "Français",
        "language": "Langue",
        "not_published": "Votre programme n'a pas encore été publié. Merci de revenir plus tard.",
        "not_valid": "Ce lien n'est pas valide.",
        "published": "publié le {when}",
        "with": "Avec {people}",
        "lunch": "Pause déjeuner",
        "travel": "Trajet vers {place}",
        "download": "Ajouter à mon agenda (.ics)",
        "subscribe": "Abonnez-vous, pour que les changements arrivent dans votre agenda :",
        "day": "{weekday} {day} {month} {year}",
        "moment": "{day:02d} {month} {year}, {clock}",
        "weekdays": "lundi mardi mercredi jeudi vendredi samedi dimanche",
        "months": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    },
    "nl": {
        "name": "Nederlands",
        "language": "Taal",
        "not_published": "Uw programma is nog niet gepubliceerd. Kom later nog eens terug.",
        "not_valid": "Deze link is niet geldig.",
        "published": "gepubliceerd op {when}",
        "with": "Met {people}",
        "lunch": "Lunchpauze",
        "travel": "Reis naar {place}",
        "download": "Toevoegen aan mijn agenda (.ics)",
        "subscribe": "Abonneer u, zodat wijzigingen in uw agenda komen:",
        "day": "{weekday} {day} {month} {year}",
        "moment": "{day:02d} {month} {year}, {clock}",
        "weekdays": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
        "months": "januari februari maart april mei juni juli augustus september oktober november december",
    },
    "de": {
        "name": "Deutsch",
        "language": "Sprache",
        "not_published": "Ihr Programm ist noch nicht veröffentlicht. Bitte schauen Sie später vorbei.",
        "not_valid": "Dieser Link ist nicht gültig.",
        "published": "veröffentlicht am {when}",
        "with": "Mit {people}",
        "lunch": "Mittagspause",
        "travel": "Fahrt zu {place}",
        "download": "Zu meinem Kalender hinzufügen (.ics)",
        "subscribe": "Abonnieren Sie den Kalender, damit Änderungen bei Ihnen ankommen:",
        "day": "{weekday}, {day}. {month} {year}",
        "moment": "{day:02d}. {month} {year}, {clock}",
        "weekdays": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
        "months": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    },
    "uk": {
        "name": "Українська",
        "language": "Мова",
        "not_published": "Вашу програму ще не опубліковано. Будь ласка, зайдіть пізніше.",
        "not_valid": "Це посилання недійсне.",
        "published": "опубліковано {when}",
        "with": "Учасники: {people}",
        "lunch": "Обідня перерва",
        "travel": "Переїзд: {place}",
        "download": "Додати до мого календаря (.ics)",
        "subscribe": "Підпишіться, щоб зміни з'являлися у вашому календарі:",
        "day": "{weekday}, {day} {month} {year}",
        "moment": "{day:02d} {month} {year}, {clock}",
        "weekdays": "понеділок вівторок середа четвер п'ятниця субота неділя",
        "months": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    },
    "es": {
        "name": "Español",
        "language": "Idioma",
        "not_published": "Su programa aún no se ha publicado. Vuelva más tarde, por favor.",
        "not_valid": "Este enlace no es válido.",
        "published": "publicado el {when}",
        "with": "Con {people}",
        "lunch": "Pausa para el almuerzo",
        "travel": "Traslado a {place}",
        "download": "Añadir a mi calendario (.ics)",
        "subscribe": "Suscríbase para que los cambios lleguen a su calendario:",
        "day": "{weekday}, {day} de {month} de {year}",
        "moment": "{day} de {month} de {year}, {clock}",
        "weekdays": "lunes martes miércoles jueves viernes sábado domingo",
        "months": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    },
    "it": {
        "name": "Italiano",
        "language": "Lingua",
        "not_published": "Il vostro programma non è ancora stato pubblicato. Tornate più tardi.",
        "not_valid": "Questo link non è valido.",
        "published": "pubblicato il {when}",
        "with": "Con {people}",
        "lunch": "Pausa pranzo",
        "travel": "Trasferimento a {place}",
        "download": "Aggiungi al mio calendario (.ics)",
        "subscribe": "Abbonatevi, così le modifiche arrivano nel vostro calendario:",
        "day": "{weekday} {day} {month} {year}",
        "moment": "{day} {month} {year}, {clock}",
        "weekdays": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
        "months": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
        "dicembre",
    },
    "pl": {
        "name": "Polski",
        "language": "Język",
        "not_published": "Państwa program nie został jeszcze opublikowany. Prosimy zajrzeć później.",
        "not_valid": "Ten link jest nieprawidłowy.",
        "published": "opublikowano {when}",
        "with": "Uczestnicy: {people}",
        "lunch": "Przerwa obiadowa",
        "travel": "Przejazd: {place}",
        "download": "Dodaj do mojego kalendarza (.ics)",
        "subscribe": "Subskrypcja kalendarza, aby zmiany pojawiały się automatycznie:",
        "day": "{weekday}, {day} {month} {year}",
        "moment": "{day} {month} {year}, {clock}",
        "weekdays": "poniedziałek wtorek środa czwartek piątek sobota niedziela",
        "months": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
        "listopada grudnia",
    },
    "pt": {
        "name": "Português",
        "language": "Idioma",
        "not_published": "O seu programa ainda não foi publicado. Volte mais tarde, por favor.",
        "not_valid": "Esta ligação não é válida.",
        "published": "publicado em {when}",
        "with": "Com {people}",
        "lunch": "Pausa para almoço",
        "travel": "Deslocação para {place}",
        "download": "Adicionar ao meu calendário (.ics)",
        "subscribe": "Subscreva para que as alterações cheguem ao seu calendário:",
        "day": "{weekday}, {day} de {month} de {year}",
        "moment": "{day} de {month} de {year}, {clock}",
        "weekdays": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
        "months": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    },
}


def languages_for(spoken: tuple[str, ...]) -> list[str]:
    """The page's languages a delegation may choose from: the ones it speaks first, English always."""
    codes = [code.strip().casefold() for code in spoken]
    found = [code for code in dict.fromkeys(codes) if code in WORDS]
    return found + ([DEFAULT] if DEFAULT not in found else [])


def in_every_language(key: str) -> list[str]:
    """One word in every language of the page, English first: for a page that knows no delegation."""
    return [WORDS[DEFAULT][key], *(words[key] for code, words in WORDS.items() if code != DEFAULT)]


def word(language: str, key: str, **values: str) -> str:
    text = WORDS.get(language, WORDS[DEFAULT])[key]
    return text.format(**values) if values else text


def day_text(language: str, day: date) -> str:
    words = WORDS.get(language, WORDS[DEFAULT])
    weekday = words["weekdays"].split()[day.weekday()]
    month = words["months"].split()[day.month - 1]
    return words["day"].format(weekday=weekday, day=day.day, month=month, year=day.year)


def moment_text(language: str, moment: datetime) -> str:
    """A date and clock time, e.g. "22 April 2024, 09:15" (the weekday left out)."""
    words = WORDS.get(language, WORDS[DEFAULT])
    month = words["months"].split()[moment.month - 1]
    return words["moment"].format(day=moment.day, month=month, year=moment.year, clock=f"{moment:%H:%M}")
