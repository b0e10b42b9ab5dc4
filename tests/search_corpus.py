"""A small realistic corpus for the search tests, indexed through the registry's API.

Texts follow the Centre's own news (shared/seed) and the hromadas of Kharkiv oblast; the
dates matter for "newer first at equal relevance".
"""

from datetime import date, timedelta

from django.utils import timezone

from search.registry import index_documents

# key: (kind, date, Ukrainian title, Ukrainian text, English title, English text)
CORPUS = {
    "grant": (
        "news",
        date(2024, 3, 1),
        "Громада Харкова отримала грант на відновлення шкіл",
        "Харківська міська громада отримала грант від міжнародних партнерів. Кошти "
        "спрямують на ремонт укриттів у школах.",
        "Kharkiv hromada receives a grant to restore schools",
        "The city council of Kharkiv received a grant from international partners. The money "
        "will repair shelters in schools.",
    ),
    "budget": (
        "news",
        date(2024, 12, 20),
        "Сесія Балаклійської міської ради затвердила бюджет",
        "Депутати Балаклійської ради ухвалили кошторис громади на 2025 рік. Найбільше коштів "
        "отримає освіта.",
        "",
        "",
    ),
    "forum": (
        "news",
        date(2024, 5, 10),
        "У Харкові відбувся форум громад Харківщини",
        "Представники сорока громад області обговорили співробітництво та відновлення. "
        "Форум відбувся у Держпромі.",
        "A forum of hromadas was held in Kharkiv",
        "Representatives of forty hromadas of the oblast discussed cooperation and recovery.",
    ),
    "spaces": (
        "news",
        date(2020, 2, 1),
        "Освітня програма SPACES для ОТГ",
        "Платформа CANactions School розробила освітню програму «SPACES. Просторове "
        "планування для доступності, співробітництва та економічної сталості». Програма "
        "тестує унікальний для України формат просторового планування, коли кілька сусідніх "
        "ОТГ шукають точки дотику. Управлінські команди навчаться просторового планування "
        "разом з експертами з просторового планування.",
        "",
        "",
    ),
    "cnap": (
        "news",
        date(2023, 9, 1),
        "Зміївська громада відкрила центр надання адміністративних послуг",
        "Новий ЦНАП працює у центрі міста. Мешканці можуть отримати понад сто послуг.",
        "",
        "",
    ),
    "union": (
        "news",
        date(2023, 1, 15),
        "Об’єднання територіальних громад: нові члени Асоціації",
        "До Асоціації органів місцевого самоврядування приєдналися дві громади області.",
        "",
        "",
    ),
    "energy": (
        "news",
        date(2023, 11, 5),
        "Енергоефективність у школах",
        "Вовчанська громада утеплила школу та встановила сонячні панелі.",
        "",
        "",
    ),
    "elders": (
        "news",
        date(2024, 2, 14),
        "Старости громад пройшли навчання з електронного документообігу",
        "Фахівці Центру провели заняття для старостинських округів.",
        "",
        "",
    ),
    "generators-old": (
        "news",
        date(2022, 12, 1),
        "Куп’янська громада отримала генератори",
        "Генератори передали лікарні та школам.",
        "",
        "",
    ),
    "generators-new": (
        "news",
        date(2024, 1, 10),
        "Лозівська громада отримала генератори",
        "Генератори передали лікарні та школам.",
        "",
        "",
    ),
    "entrance": (
        "news",
        date(2021, 6, 1),
        "Як знайти Центр у Держпромі",
        "Центр розміщується у Харкові: майдан Свободи, 5, Держпром, 6 під’їзд.",
        "",
        "",
    ),
    "seminar-budget": (
        "event",
        date(2024, 11, 10),
        "Семінар «Бюджет громади: планування на 2025 рік»",
        "Семінар для фінансистів громад області.",
        "",
        "",
    ),
    "training": (
        "event",
        date(2024, 4, 3),
        "Навчальний тренінг для старост у Харкові",
        "Тренінг про комунікацію з мешканцями.",
        "",
        "",
    ),
    "conference": (
        "event",
        date(2024, 9, 20),
        "Конференція з просторового планування громад",
        "Експерти розкажуть про генеральні плани.",
        "",
        "",
    ),
    "capable": (
        "program",
        None,
        "Програма «Спроможна громада»",
        "Програма допомагає громадам Харківщини. Учасники отримують консультації юристів.",
        "“Capable Hromada” programme",
        "The programme helps the hromadas of Kharkiv oblast with legal advice.",
    ),
    "youth": (
        "program",
        None,
        "Програма підтримки молоді «Молодь громади»",
        "Гранти для молодіжних ініціатив.",
        "",
        "",
    ),
    "cooperation": (
        "program",
        None,
        "Програма розвитку міжмуніципального співробітництва",
        "Сусідні громади разом планують послуги.",
        "",
        "",
    ),
    "balakliia": (
        "council",
        None,
        "Балаклійська міська рада",
        "Балаклійська міська територіальна громада, Ізюмський район. Член Асоціації.",
        "Balakliia City Council",
        "Balakliia city territorial hromada, Izium raion. A member of the association.",
    ),
    "zmiiv": (
        "council",
        None,
        "Зміївська міська рада",
        "Зміївська міська територіальна громада, Чугуївський район.",
        "",
        "",
    ),
    "oblast": (
        "council",
        None,
        "Харківська обласна рада",
        "Обласна рада представляє спільні інтереси громад Харківщини.",
        "",
        "",
    ),
    "pechenihy": (
        "council",
        None,
        "Печенізька селищна рада",
        "Печенізька селищна територіальна громада, Чугуївський район.",
        "",
        "",
    ),
}

# Published, but not yet visible: scheduled for tomorrow.
SCHEDULED = (
    "scheduled",
    "Анонс: нова програма підтримки громад",
    "Програма стартує завтра.",
)


def url(key, language="uk"):
    return f"/{'en/' if language == 'en' else ''}test/{key}/"


def index_corpus():
    by_kind = {}
    for key, (kind, day, title_uk, text_uk, title_en, text_en) in CORPUS.items():
        documents = {"uk": {"title": title_uk, "text": text_uk, "url": url(key), "date": day}}
        if title_en:
            documents["en"] = {
                "title": title_en,
                "text": text_en,
                "url": url(key, "en"),
                "date": day,
            }
        by_kind.setdefault(kind, []).append((key, documents))
    key, title, text = SCHEDULED
    tomorrow = timezone.now() + timedelta(days=1)
    by_kind["news"].append(
        (
            key,
            {
                "uk": {
                    "title": title,
                    "text": text,
                    "url": url(key),
                    "date": tomorrow,
                    "visible_from": tomorrow,
                }
            },
        )
    )
    for kind, items in by_kind.items():
        index_documents(kind, items)


def keys(results):
    """The corpus keys of a page of results, in order."""
    return [result.url.strip("/").split("/")[-1] for result in results.page.object_list]
