"""RSS of each topic's consultations, in the page's language."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from legalhelp.models import Consultation, Topic

FEED_SIZE = 20


class TopicFeed(Feed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return _("Legal help: %(topic)s") % {"topic": topic.name}

    def link(self, topic):
        return topic.get_absolute_url()

    def description(self, topic):
        return _("New answers of the Centre's consultants on the topic “%(topic)s”.") % {
            "topic": topic.name
        }

    def items(self, topic):
        return Consultation.objects.for_list().filter(topics=topic)[:FEED_SIZE]

    def item_title(self, consultation):
        return consultation.title

    def item_description(self, consultation):
        return consultation.short_answer

    def item_pubdate(self, consultation):
        return consultation.publish_at

    def item_updateddate(self, consultation):
        return consultation.updated_at
