"""The few words of a delegation's printed programme that its page and calendar do not already have.

The rest come from there: "Meeting", "Hosts", "Also attending", "Interpreter", "Notes" and "Contact"
from `calendar_words`, "Lunch break", "Language" and the spelled-out dates from `visitor_words`. The
English words are those the programme workbook has always printed.
"""

from __future__ import annotations

KEYS = ("programme", "date", "start", "end", "place", "travel_next", "persons", "visit", "hotel")

PRINT_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("Programme of {name}", "Date", "Start", "End", "Venue and address", "Travel to next",
           "{size} persons", "visit {arrive} – {depart}", "hotel: {hotel}"),
    "fr": ("Programme de {name}", "Date", "Début", "Fin", "Lieu et adresse", "Trajet vers la suite",
           "{size} personnes", "visite du {arrive} au {depart}", "hôtel : {hotel}"),
    "nl": ("Programma van {name}", "Datum", "Begin", "Einde", "Locatie en adres", "Reistijd naar volgende",
           "{size} personen", "bezoek {arrive} – {depart}", "hotel: {hotel}"),
    "de": ("Programm: {name}", "Datum", "Beginn", "Ende", "Ort und Adresse", "Fahrt zum nächsten",
           "{size} Personen", "Besuch {arrive} – {depart}", "Hotel: {hotel}"),
    "uk": ("Програма: {name}", "Дата", "Початок", "Кінець", "Місце та адреса", "Переїзд до наступного",
           "осіб: {size}", "візит {arrive} – {depart}", "готель: {hotel}"),
    "es": ("Programa de {name}", "Fecha", "Inicio", "Fin", "Lugar y dirección", "Trayecto al siguiente",
           "{size} personas", "visita {arrive} – {depart}", "hotel: {hotel}"),
    "it": ("Programma di {name}", "Data", "Inizio", "Fine", "Luogo e indirizzo",
           "Trasferimento al successivo", "{size} persone", "visita {arrive} – {depart}", "albergo: {hotel}"),
    "pl": ("Program: {name}", "Data", "Początek", "Koniec", "Miejsce i adres", "Przejazd do następnego",
           "osoby: {size}", "wizyta {arrive} – {depart}", "hotel: {hotel}"),
    "pt": ("Programa de {name}", "Data", "Início", "Fim", "Local e morada", "Deslocação ao seguinte",
           "{size} pessoas", "visita {arrive} – {depart}", "hotel: {hotel}"),
    "sv": ("Program för {name}", "Datum", "Början", "Slut", "Plats och adress", "Resa till nästa",
           "{size} personer", "besök {arrive} – {depart}", "hotell: {hotel}"),
    "da": ("Program for {name}", "Dato", "Start", "Slut", "Sted og adresse", "Transport til næste",
           "{size} personer", "besøg {arrive} – {depart}", "hotel: {hotel}"),
    "fi": ("Ohjelma: {name}", "Päivä", "Alkaa", "Päättyy", "Paikka ja osoite", "Siirtyminen seuraavaan",
           "henkilöitä: {size}", "vierailu {arrive} – {depart}", "hotelli: {hotel}"),
    "et": ("Programm: {name}", "Kuupäev", "Algus", "Lõpp", "Koht ja aadress", "Sõit järgmisse",
           "isikuid: {size}", "visiit {arrive} – {depart}", "hotell: {hotel}"),
    "lv": ("Programma: {name}", "Datums", "Sākums", "Beigas", "Vieta un adrese", "Pārbrauciens uz nākamo",
           "personas: {size}", "vizīte {arrive} – {depart}", "viesnīca: {hotel}"),
    "lt": ("Programa: {name}", "Data", "Pradžia", "Pabaiga", "Vieta ir adresas", "Kelionė į kitą",
           "asmenų: {size}", "vizitas {arrive} – {depart}", "viešbutis: {hotel}"),
    "cs": ("Program: {name}", "Datum", "Začátek", "Konec", "Místo a adresa", "Přejezd na další",
           "osob: {size}", "návštěva {arrive} – {depart}", "hotel: {hotel}"),
    "hr": ("Program: {name}", "Datum", "Početak", "Kraj", "Mjesto i adresa", "Prijevoz do sljedećeg",
           "osoba: {size}", "posjet {arrive} – {depart}", "hotel: {hotel}"),
    "hu": ("Program: {name}", "Dátum", "Kezdés", "Vége", "Helyszín és cím", "Utazás a következőhöz",
           "{size} fő", "látogatás {arrive} – {depart}", "szálloda: {hotel}"),
    "ro": ("Programul: {name}", "Data", "Început", "Sfârșit", "Loc și adresă", "Drum spre următorul",
           "persoane: {size}", "vizită {arrive} – {depart}", "hotel: {hotel}"),
    "bg": ("Програма: {name}", "Дата", "Начало", "Край", "Място и адрес", "Път до следващото",
           "лица: {size}", "посещение {arrive} – {depart}", "хотел: {hotel}"),
    "el": ("Πρόγραμμα: {name}", "Ημερομηνία", "Έναρξη", "Λήξη", "Τόπος και διεύθυνση", "Μετάβαση στο επόμενο",
           "άτομα: {size}", "επίσκεψη {arrive} – {depart}", "ξενοδοχείο: {hotel}"),
    "sk": ("Program: {name}", "Dátum", "Začiatok", "Koniec", "Miesto a adresa", "Presun na ďalšie",
           "osôb: {size}", "návšteva {arrive} – {depart}", "hotel: {hotel}"),
    "sl": ("Program: {name}", "Datum", "Začetek", "Konec", "Kraj in naslov", "Prevoz do naslednjega",
           "oseb: {size}", "obisk {arrive} – {depart}", "hotel: {hotel}"),
}  # fmt: skip


# Windows locale ids: a date cell formatted "[$-422]ddd d mmm yyyy" shows its weekday and month in
# Ukrainian in Excel and LibreOffice alike, and stays a date
LOCALE_IDS = {
    "fr": "40C", "nl": "413", "de": "407", "uk": "422", "es": "C0A", "it": "410", "pl": "415",
    "pt": "816", "sv": "41D", "da": "406", "fi": "40B", "et": "425", "lv": "426", "lt": "427",
    "cs": "405", "hr": "41A", "hu": "40E", "ro": "418", "bg": "402", "el": "408", "sk": "41B",
    "sl": "424",
}  # fmt: skip


def print_word(language: str, key: str, **values: object) -> str:
    words = PRINT_WORDS.get(language, PRINT_WORDS["en"])
    text = words[KEYS.index(key)]
    return text.format(**values) if values else text
