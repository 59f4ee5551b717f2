"""A small client for the parts of Meta's Graph API that moderation needs.

`FacebookPage` and `InstagramAccount` say what can be done on each platform, in the policy's
words (hide, unhide, delete, block, unblock, reply privately); both read their recent posts'
comments so the back-fill can store what the webhooks missed. `check_token` asks Meta who a token
belongs to, what it may do and until when.

The base URL, with the API version in it, is the setting META_GRAPH_URL. The access token goes
in the Authorization header, never in a URL, a log line, an exception or an audit record. The
client does not retry: a Transient error goes back to the Celery task, which retries with
back-off and jitter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from django.conf import settings

from .errors import GraphError, NotFound, Permanent, Transient, classify

FACEBOOK_SCOPES = (
    "pages_show_list",
    "pages_read_engagement",
    "pages_read_user_content",
    "pages_manage_engagement",
    "pages_manage_metadata",
    "pages_messaging",
)
INSTAGRAM_SCOPES = (
    "pages_show_list",
    "pages_read_engagement",
    "pages_manage_metadata",
    "instagram_basic",
    "instagram_manage_comments",
    "instagram_manage_messages",
)
RECENT_POSTS = 10
COMMENTS_PER_POST = 50


@dataclass(frozen=True)
class GraphAnswer:
    """What Meta answered to an action. `gone` means the comment no longer exists, which
    for a delete or hide is the outcome wanted: it counts as done."""

    status: int
    body: dict
    gone: bool = False

    def as_details(self) -> dict:
        return {"outcome": "gone" if self.gone else "ok", "http_status": self.status,
                "answer": self.body}


@dataclass(frozen=True)
class TokenInfo:
    valid: bool
    app_id: str = ""
    type: str = ""
    profile_id: str = ""
    scopes: tuple[str, ...] = ()
    expires_at: datetime | None = None
    data_access_expires_at: datetime | None = None
    problem: str = ""

    def missing(self, needed: tuple[str, ...]) -> list[str]:
        return [scope for scope in needed if scope not in self.scopes]


@dataclass(frozen=True)
class RemoteComment:
    """A comment as the platform shows it now."""

    id: str
    post_id: str
    text: str
    author_id: str
    author_name: str
    posted_at: datetime
    permalink: str = ""
    hidden: bool = False


@dataclass(frozen=True)
class RemotePost:
    """A recent post with its latest comments. `complete` when every comment it has was read,
    so a stored comment missing from it has been removed."""

    id: str
    comments: list[RemoteComment]
    complete: bool


@dataclass
class GraphClient:
    """One access token against the Graph API. Use as a context manager, or call close()."""

    token: str = field(repr=False)
    base_url: str = ""
    timeout: float | None = None

    def __post_init__(self):
        self._http = httpx.Client(
            base_url=(self.base_url or settings.META_GRAPH_URL).rstrip("/") + "/",
            timeout=httpx.Timeout(self.timeout or settings.META_GRAPH_TIMEOUT_SECONDS),
            headers={"Authorization": f"Bearer {self.token}"} if self.token else {},
            follow_redirects=False,
        )

    def __enter__(self) -> GraphClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def call(self, method: str, path: str, **kwargs: Any) -> GraphAnswer:
        """One request; raises a GraphError subclass for anything but success."""
        try:
            response = self._http.request(method, path.lstrip("/"), **kwargs)
        except httpx.TimeoutException:
            raise Transient(f"No answer from Meta within {self._http.timeout.read:g} s.") from None
        except httpx.TransportError as exc:
            raise Transient(f"Could not reach Meta ({type(exc).__name__}).") from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {"data": body}
        if response.is_success and "error" not in body:
            return GraphAnswer(status=response.status_code, body=body)
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        kind = classify(response.status_code, error)
        reason = self._scrub(str(error.get("message") or f"HTTP {response.status_code}"))
        raise kind(
            reason,
            status=response.status_code,
            code=error.get("code"),
            subcode=error.get("error_subcode"),
            fbtrace_id=str(error.get("fbtrace_id", "")),
        )

    def act(self, method: str, path: str, **kwargs: Any) -> GraphAnswer:
        """An action on a comment: one that no longer exists counts as done."""
        try:
            return self.call(method, path, **kwargs)
        except NotFound as exc:
            return GraphAnswer(status=exc.status or 400, body={"error": exc.reason}, gone=True)

    def _scrub(self, text: str) -> str:
        return text.replace(self.token, "[token]") if self.token else text

    def check_token(self, app_token: str = "") -> TokenInfo:
        """Meta's own view of this token (GET /debug_token). With the app's credentials the
        app asks; without them the token asks about itself."""
        headers = {"Authorization": f"Bearer {app_token}"} if app_token else {}
        try:
            data = self.call(
                "GET", "debug_token", params={"input_token": self.token}, headers=headers
            ).body.get("data", {})
        except GraphError as exc:
            if isinstance(exc, Transient):
                raise
            return TokenInfo(valid=False, problem=exc.reason)
        problem = data.get("error", {}).get("message", "") if not data.get("is_valid") else ""
        return TokenInfo(
            valid=bool(data.get("is_valid")),
            app_id=str(data.get("app_id", "")),
            type=str(data.get("type", "")),
            profile_id=str(data.get("profile_id", "")),
            scopes=tuple(data.get("scopes", ())),
            expires_at=_from_timestamp(data.get("expires_at")),
            data_access_expires_at=_from_timestamp(data.get("data_access_expires_at")),
            problem=self._scrub(problem),
        )


def app_token() -> str:
    """The app's own token (app id|app secret), for asking Meta about a page's token."""
    if settings.META_APP_ID and settings.META_APP_SECRET:
        return f"{settings.META_APP_ID}|{settings.META_APP_SECRET}"
    return ""


class FacebookPage:
    """A Facebook Page, acted on with its Page access token."""

    platform = "facebook"
    needed_scopes = FACEBOOK_SCOPES
    can_block = True

    def __init__(self, client: GraphClient, page_id: str):
        self.client = client
        self.page_id = page_id

    def name(self) -> str:
        return str(self.client.call("GET", self.page_id, params={"fields": "id,name"})
                   .body.get("name", ""))

    def hide(self, comment_id: str) -> GraphAnswer:
        return self.client.act("POST", comment_id, data={"is_hidden": "true"})

    def unhide(self, comment_id: str) -> GraphAnswer:
        return self.client.act("POST", comment_id, data={"is_hidden": "false"})

    def delete(self, comment_id: str) -> GraphAnswer:
        return self.client.act("DELETE", comment_id)

    def block(self, author_id: str) -> GraphAnswer:
        return self.client.call("POST", f"{self.page_id}/blocked", data={"user": author_id})

    def unblock(self, author_id: str) -> GraphAnswer:
        return self.client.call("DELETE", f"{self.page_id}/blocked", params={"user": author_id})

    def reply_privately(self, comment_id: str, text: str) -> GraphAnswer:
        return self.client.call("POST", f"{self.page_id}/messages", data=_private_reply(
            comment_id, text))

    def subscribe(self) -> GraphAnswer:
        """Ask Meta to send this Page's comments to the app's webhook."""
        return self.client.call(
            "POST", f"{self.page_id}/subscribed_apps", data={"subscribed_fields": "feed"}
        )

    def subscriptions(self) -> list[dict]:
        return list(self.client.call("GET", f"{self.page_id}/subscribed_apps")
                    .body.get("data", []))

    def recent_posts(self) -> list[RemotePost]:
        fields = (
            f"id,permalink_url,comments.order(reverse_chronological).limit({COMMENTS_PER_POST})"
            "{id,message,created_time,permalink_url,is_hidden,from{id,name}}"
        )
        posts = self.client.call(
            "GET", f"{self.page_id}/feed", params={"fields": fields, "limit": RECENT_POSTS}
        ).body.get("data", [])
        return [
            _post(post, [
                RemoteComment(
                    id=str(comment["id"]),
                    post_id=str(post["id"]),
                    text=comment.get("message", ""),
                    author_id=str(comment.get("from", {}).get("id", "")),
                    author_name=comment.get("from", {}).get("name", ""),
                    posted_at=_from_iso(comment["created_time"]),
                    permalink=comment.get("permalink_url") or post.get("permalink_url", ""),
                    hidden=bool(comment.get("is_hidden", False)),
                )
                for comment in post.get("comments", {}).get("data", [])
            ])
            for post in posts
        ]


class InstagramAccount:
    """An Instagram professional account, acted on with the linked Page's access token.
    Instagram has no API to block a person: that stays a hand to-do."""

    platform = "instagram"
    needed_scopes = INSTAGRAM_SCOPES
    can_block = False

    def __init__(self, client: GraphClient, account_id: str):
        self.client = client
        self.account_id = account_id

    def name(self) -> str:
        body = self.client.call("GET", self.account_id, params={"fields": "id,username"}).body
        return str(body.get("username", ""))

    def hide(self, comment_id: str) -> GraphAnswer:
        return self.client.act("POST", comment_id, data={"hide": "true"})

    def unhide(self, comment_id: str) -> GraphAnswer:
        return self.client.act("POST", comment_id, data={"hide": "false"})

    def delete(self, comment_id: str) -> GraphAnswer:
        return self.client.act("DELETE", comment_id)

    def reply_privately(self, comment_id: str, text: str) -> GraphAnswer:
        return self.client.call("POST", f"{self.account_id}/messages", data=_private_reply(
            comment_id, text))

    def recent_posts(self) -> list[RemotePost]:
        fields = (
            f"id,permalink,comments.limit({COMMENTS_PER_POST})"
            "{id,text,timestamp,hidden,from{id,username}}"
        )
        media = self.client.call(
            "GET", f"{self.account_id}/media", params={"fields": fields, "limit": RECENT_POSTS}
        ).body.get("data", [])
        return [
            _post(item, [
                RemoteComment(
                    id=str(comment["id"]),
                    post_id=str(item["id"]),
                    text=comment.get("text", ""),
                    author_id=str(comment.get("from", {}).get("id", "")),
                    author_name=comment.get("from", {}).get("username", ""),
                    posted_at=_from_iso(comment["timestamp"]),
                    permalink=item.get("permalink", ""),
                    hidden=bool(comment.get("hidden", False)),
                )
                for comment in item.get("comments", {}).get("data", [])
            ])
            for item in media
        ]


def _post(post: dict, comments: list[RemoteComment]) -> RemotePost:
    more = bool(post.get("comments", {}).get("paging", {}).get("next"))
    return RemotePost(id=str(post["id"]), comments=comments,
                      complete=not more and len(comments) < COMMENTS_PER_POST)


def _private_reply(comment_id: str, text: str) -> dict:
    if not text.strip():
        raise Permanent("A private reply needs a text.")
    return {
        "recipient": json.dumps({"comment_id": comment_id}),
        "message": json.dumps({"text": text}),
    }


def _from_timestamp(value: Any) -> datetime | None:
    """Meta's expiry times: seconds since 1970, 0 meaning never."""
    return datetime.fromtimestamp(int(value), tz=UTC) if value else None


def _from_iso(value: str) -> datetime:
    return datetime.fromisoformat(value)
