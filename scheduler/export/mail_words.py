"""The words of a message that the delegation page does not have: the line above a host's or interpreter's
private link, in each language the page speaks (a test keeps the two lists of languages alike)."""

ANSWER = {
    "en": "Accept or decline each meeting on your private page:",
    "fr": "Acceptez ou déclinez chaque réunion sur votre page personnelle :",
    "nl": "Aanvaard of weiger elke vergadering op uw persoonlijke pagina:",
    "de": "Sagen Sie jeden Termin auf Ihrer persönlichen Seite zu oder ab:",
    "uk": "Прийміть або відхиліть кожну зустріч на вашій особистій сторінці:",
    "es": "Acepte o rechace cada reunión en su página personal:",
    "it": "Accetti o rifiuti ogni incontro sulla sua pagina personale:",
    "pl": "Przyjmij lub odrzuć każde spotkanie na swojej prywatnej stronie:",
    "pt": "Aceite ou recuse cada reunião na sua página pessoal:",
    "sv": "Godkänn eller avböj varje möte på din personliga sida:",
    "da": "Accepter eller afslå hvert møde på din personlige side:",
    "fi": "Hyväksy tai hylkää jokainen tapaaminen henkilökohtaisella sivullasi:",
    "et": "Kinnitage või lükake iga kohtumine tagasi oma isiklikul lehel:",
    "lv": "Apstipriniet vai noraidiet katru tikšanos savā personīgajā lapā:",
    "lt": "Patvirtinkite arba atsisakykite kiekvieno susitikimo savo asmeniniame puslapyje:",
    "cs": "Každou schůzku přijměte nebo odmítněte na své osobní stránce:",
    "hr": "Prihvatite ili odbijte svaki sastanak na svojoj osobnoj stranici:",
    "hu": "Fogadja el vagy utasítsa el az egyes találkozókat a személyes oldalán:",
    "ro": "Acceptați sau refuzați fiecare întâlnire pe pagina dumneavoastră personală:",
    "bg": "Приемете или откажете всяка среща на личната си страница:",
    "el": "Αποδεχτείτε ή απορρίψτε κάθε συνάντηση στην προσωπική σας σελίδα:",
    "sk": "Každé stretnutie prijmite alebo odmietnite na svojej osobnej stránke:",
    "sl": "Vsak sestanek sprejmite ali zavrnite na svoji osebni strani:",
}
