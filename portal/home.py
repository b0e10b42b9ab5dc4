"""The home page's sections: each app contributes its own, each hidden when empty.

The apps' `home_sections()` return template context; the home template includes one
small template per section and shows it only when its list is not empty.
"""

from members.home import home_sections as members_sections
from news.home import home_sections as news_sections
from programs.home import home_sections as programs_sections


def sections():
    return news_sections() | programs_sections() | members_sections()
