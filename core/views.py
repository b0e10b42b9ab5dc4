"""View mixins shared by the content apps."""


class PreviewMixin:
    """Detail views of Publishable content: the public sees what is published; staff who may
    view the model also see drafts, scheduled and expired items (a preview), which are kept
    out of search engines and shared caches. Templates show includes/preview_notice.html."""

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_public:
            response["X-Robots-Tag"] = "noindex, nofollow"
            response["Cache-Control"] = "private, no-store"
        return response
