"""Generated Ukrainian news for `bench_search`: realistic word forms, no downloads.

Sentences are built from templates whose slots take the names of Kharkiv oblast's hromadas
(from the official codifier) and topics of the Centre's work, declined by pymorphy3 into the
case each slot needs, so the index sees "Балаклійській громаді", "просторового планування"
as a real news feed would. Not content for the site: only the benchmark uses it.
"""

import random
from datetime import date, timedelta
from functools import cache

from search.morphology import analyser

HROMADAS = (
    "Богодухівська Валківська Золочівська Коломацька Краснокутська Балаклійська Барвінківська "
    "Борівська Донецька Ізюмська Куньєвська Оскільська Савинська Зачепилівська Кегичівська "
    "Берестинська Наталинська Сахновщинська Старовірівська Великобурлуцька Вільхуватська "
    "Дворічанська Кіндрашівська Куп’янська Курилівська Петропавлівська Шевченківська Біляївська "
    "Близнюківська Лозівська Олексіївська Златопільська Безлюдівська Височанська Вільхівська "
    "Дергачівська Липецька Люботинська Малоданилівська Мереф’янська Нововодолазька Південна "
    "Пісочинська Роганська Солоницівська Харківська Циркунівська Вовчанська Зміївська "
    "Малинівська Новопокровська Печенізька Слобожанська Старосалтівська Пролісненська Чугуївська"
).split()

# (adjective, noun) in the dictionary form
TOPICS = [
    ("просторовий", "планування"),
    ("енергетичний", "безпека"),
    ("місцевий", "бюджет"),
    ("освітній", "програма"),
    ("міжмуніципальний", "співробітництво"),
    ("громадський", "простір"),
    ("цифровий", "трансформація"),
    ("соціальний", "послуга"),
    ("питний", "вода"),
    ("шкільний", "автобус"),
    ("медичний", "допомога"),
    ("молодіжний", "центр"),
    ("інвестиційний", "проєкт"),
    ("стратегічний", "план"),
    ("земельний", "ресурс"),
    ("комунальний", "підприємство"),
    ("сільський", "бібліотека"),
    ("вуличний", "освітлення"),
    ("гуманітарний", "розмінування"),
    ("захисний", "споруда"),
    ("енергоефективний", "модернізація"),
    ("сонячний", "електростанція"),
    ("правовий", "допомога"),
    ("методичний", "рекомендація"),
    ("грантовий", "конкурс"),
    ("бюджетний", "процес"),
    ("публічний", "закупівля"),
    ("адміністративний", "послуга"),
    ("туристичний", "маршрут"),
    ("аграрний", "кооператив"),
    ("малий", "бізнес"),
    ("відкритий", "реєстр"),
    ("електронний", "петиція"),
    ("дорожній", "інфраструктура"),
    ("психологічний", "підтримка"),
    ("житловий", "фонд"),
]

ACTORS = [
    "депутати",
    "старости",
    "фахівці Центру",
    "представники Асоціації",
    "експерти",
    "мешканці",
    "волонтери",
    "міжнародні партнери",
    "посадовці",
]

TITLES = [
    "{H:nomn} розпочинає {T:accs}",
    "У {H:loct} обговорили {T:accs}",
    "Семінар щодо {T:gent} для {H:gent}",
    "{T:nomn}: досвід {H:gent}",
    "Центр допоміг {H:datv} з {T:ablt}",
    "Депутати {H:gent} затвердили {T:accs}",
    "Навчання з {T:gent} для старост {H:gent}",
    "{H:nomn} та {H2:nomn} підписали угоду про {T:accs}",
    "Нові можливості для {T:gent} у {H:loct}",
    "Як {H:nomn} відновлює {T:accs}",
]

SENTENCES = [
    "{H:nomn} отримала {N} тисяч гривень на {T:accs}.",
    "У {H:loct} відбулася сесія ради, на якій {A} затвердили {T:accs}.",
    "{A} {H:gent} взяли участь у навчанні з {T:gent}.",
    "Центр провів семінар для посадовців {H:gent} щодо {T:gent}.",
    "Учасники обговорили {T:accs} та {T2:accs} разом із {H2:ablt}.",
    "Проєкт передбачає {T:accs} у {N} старостинських округах.",
    "Рішення про {T:accs} ухвалили {D}.",
    "Фахівці Асоціації надали методичну допомогу {H:datv} з питань {T:gent}.",
    "Наступний етап присвятять {T:datv} та співпраці з {H2:ablt}.",
    "Мешканці {H:gent} можуть долучитися до обговорення до {D}.",
    "За словами голови громади, {T:nomn} залишається пріоритетом на наступний рік.",
    "Досвід {H:gent} планують поширити на інші громади Харківщини.",
    "Для громад області це вже {N}-й захід з {T:gent}.",
    "Партнери програми підтримали {T:accs} у {H2:loct}.",
]

MONTHS = "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня"


@cache
def _inflect(word, case, gender=None):
    """`word` in `case` (and `gender`, for adjectives); the word itself if pymorphy3 can't."""
    parses = analyser().parse(word)
    wanted = {case} | ({gender} if gender else set())
    for parse in parses:
        form = parse.inflect(wanted)
        if form is not None:
            return form.word
    return word


def hromada(name, case):
    return f"{_inflect(name.lower(), case, 'femn').capitalize()} {_inflect('громада', case)}"


@cache
def topic(adjective, noun, case):
    noun_parse = analyser().parse(noun)[0]
    number = noun_parse.tag.number
    gender = "plur" if number == "plur" else noun_parse.tag.gender
    return f"{_inflect(adjective, case, gender)} {_inflect(noun, case)}"


def _fill(template, rng):
    values = {}
    for slot in ("H", "H2"):
        values[slot] = rng.choice(HROMADAS)
    for slot in ("T", "T2"):
        values[slot] = rng.choice(TOPICS)
    out = template
    for slot, value in values.items():
        for case in ("nomn", "gent", "datv", "accs", "ablt", "loct"):
            marker = "{" + slot + ":" + case + "}"
            if marker in out:
                text = hromada(value, case) if slot.startswith("H") else topic(*value, case)
                out = out.replace(marker, text)
    day = f"{rng.randint(1, 28)} {rng.choice(MONTHS.split())}"
    out = out.replace("{A}", rng.choice(ACTORS)).replace("{D}", day)
    out = out.replace("{N}", str(rng.randint(2, 90)))
    return out[0].upper() + out[1:]


def documents(count, *, seed=6, start=date(2021, 1, 1)):
    """`count` (key, {"uk": fields}) items of generated news, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    for number in range(1, count + 1):
        title = _fill(rng.choice(TITLES), rng)
        body = " ".join(_fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(12, 24)))
        day = start + timedelta(days=rng.randint(0, 5 * 365))
        yield (
            f"bench:{number}",
            {"uk": {"title": title, "text": body, "url": f"/news/bench-{number}/", "date": day}},
        )
