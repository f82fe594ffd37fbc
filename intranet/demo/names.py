"""German names for demo and benchmark data (deterministic with a seeded Random)."""

FIRST_NAMES = [
    "Anna", "Andreas", "Birgit", "Bernd", "Claudia", "Christian", "Daniela", "Dieter", "Elke",
    "Frank", "Gabriele", "Günter", "Heike", "Hans", "Ines", "Jürgen", "Julia", "Klaus", "Karin",
    "Lena", "Lukas", "Monika", "Markus", "Nicole", "Norbert", "Olga", "Oliver", "Petra", "Peter",
    "Renate", "Ralf", "Sabine", "Stefan", "Tanja", "Thomas", "Ursula", "Uwe", "Vanessa",
    "Volker", "Waltraud", "Werner", "Yvonne", "Zeynep", "Mehmet", "Ayşe", "Katarzyna", "Jan",
    "Sophie", "Maximilian", "Leonie", "Felix", "Hannah", "Jonas", "Marie", "Tobias", "Sarah",
]
LAST_NAMES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
    "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang",
    "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller",
    "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke",
    "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Yılmaz",
    "Kowalski", "Nowak", "Öztürk",
]


def email_for(first: str, last: str, number: int, domain: str = "lotse.example") -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ş": "s", "ı": "i",
                           "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
    local = f"{first}.{last}".translate(table).lower().replace(" ", "")
    return f"{local}.{number}@{domain}"
