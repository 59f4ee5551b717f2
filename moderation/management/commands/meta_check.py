"""Check a channel's real connection to Meta: the token, its permissions, the webhook
subscription and reading comments. Changes nothing; exits 1 when something needs doing."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from moderation.meta.errors import GraphError
from moderation.meta.graph import (
    FACEBOOK_SCOPES,
    INSTAGRAM_SCOPES,
    FacebookPage,
    GraphClient,
    app_token,
)
from moderation.meta.services import connection_of, reach
from moderation.models import Channel


class Command(BaseCommand):
    help = "Check a Facebook Page or Instagram channel's connection (token, scopes, webhook)."

    def add_arguments(self, parser):
        parser.add_argument("channel", help="The channel's id or name.")

    def handle(self, *args, channel: str, **options):
        lookup = Q(name__iexact=channel)
        if channel.isdigit():
            lookup |= Q(pk=int(channel))
        found = Channel.objects.filter(lookup).first()
        if found is None:
            raise CommandError(f"No channel called {channel!r}.")
        connection = connection_of(found)
        if connection is None:
            raise CommandError(f"{found} is not connected: connect it on its channel page.")
        self.problems = 0
        self.stdout.write(f"Channel: {found} — account {found.platform_account_id}, "
                          f"Page {connection.page_id}")
        with GraphClient(connection.access_token) as client:
            self._token(client, connection, found)
            self._subscription(FacebookPage(client, connection.page_id))
        self._reading(connection)
        if self.problems:
            self.stderr.write(self.style.ERROR(f"{self.problems} problem(s) found."))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("All good."))

    def _line(self, ok: bool, label: str, text: str) -> None:
        self.problems += not ok
        mark = self.style.SUCCESS("ok     ") if ok else self.style.ERROR("PROBLEM")
        self.stdout.write(f"{mark} {label}: {text}")

    def _token(self, client: GraphClient, connection, channel: Channel) -> None:
        try:
            info = client.check_token(app_token())
        except GraphError as exc:
            self._line(False, "Token", f"Meta did not answer ({exc.reason})")
            return
        if not info.valid:
            self._line(False, "Token", f"not accepted: {info.problem}")
            return
        expiry = info.expires_at.strftime("%d %b %Y %H:%M UTC") if info.expires_at else "never"
        self._line(info.profile_id in ("", connection.page_id), "Token",
                   f"valid, {info.type or 'unknown'} token for {info.profile_id or '?'}, "
                   f"expires {expiry}")
        needed = FACEBOOK_SCOPES if channel.platform == "facebook" else INSTAGRAM_SCOPES
        missing = info.missing(needed)
        self._line(not missing, "Permissions",
                   "all present" if not missing else "missing " + ", ".join(missing))

    def _subscription(self, page: FacebookPage) -> None:
        try:
            apps = page.subscriptions()
        except GraphError as exc:
            self._line(False, "Webhook subscription", f"could not be read ({exc.reason})")
            return
        fields = sorted({f for app in apps for f in app.get("subscribed_fields", [])})
        self._line(bool(apps), "Webhook subscription",
                   f"subscribed to {', '.join(fields) or 'nothing'}" if apps
                   else "the Page is not subscribed to the app")

    def _reading(self, connection) -> None:
        try:
            with reach(connection) as target:
                posts = target.recent_posts()
        except GraphError as exc:
            self._line(False, "Reading comments", exc.reason)
            return
        comments = sum(len(p.comments) for p in posts)
        self._line(True, "Reading comments", f"{len(posts)} recent posts, {comments} comments")
