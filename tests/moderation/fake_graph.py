"""A fake of Meta's Graph API: a real HTTP server (pytest-httpserver) on 127.0.0.1 that keeps
Pages, Instagram accounts, their comments, blocked lists and messages, checks every request's
path, method, parameters and access token, and answers with Meta's own success and error
shapes. Tests make it fail on purpose: 5xx, rate limits, an expired token, no answer in time.

    fake = FakeGraph(httpserver)                       # then settings.META_GRAPH_URL = fake.url
    fake.add_page("1001", token="page-token", name="Healthwatch Sutton")
    fake.add_comment("1001_55", owner="1001", text="…", author_id="u-9")
    ...
    assert fake.calls_to("DELETE", "1001_55")[0].token == "page-token"
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from werkzeug import Request, Response

VERSION = "v26.0"
APP_ID = "424242"
APP_SECRET = "fake-app-secret"


@dataclass
class Call:
    method: str
    path: str
    params: dict
    token: str


@dataclass
class Account:
    """A Facebook Page or an Instagram professional account."""

    id: str
    platform: str
    token: str
    name: str
    scopes: tuple[str, ...] = ()
    expires_at: int = 0
    blocked: set[str] = field(default_factory=set)
    subscribed_fields: list[str] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)


@dataclass
class Comment:
    id: str
    owner: str
    post_id: str
    text: str
    author_id: str
    author_name: str
    created: datetime
    hidden: bool = False
    deleted: bool = False


class GraphFault(Exception):
    def __init__(self, status: int, code: int, message: str, subcode: int | None = None,
                 type_: str = "OAuthException"):
        self.status, self.code, self.message, self.subcode, self.type = (
            status, code, message, subcode, type_)

    def response(self) -> Response:
        error = {"message": self.message, "type": self.type, "code": self.code,
                 "fbtrace_id": "AbCdEfFakeTrace"}
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        return _json({"error": error}, self.status)


def _json(body: dict, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json")


def bad_token() -> GraphFault:
    return GraphFault(400, 190, "Invalid OAuth access token - Cannot parse access token")


def expired_token() -> GraphFault:
    return GraphFault(
        400, 190,
        "Error validating access token: Session has expired on Tuesday, 01-Dec-26 09:00:00 PST.",
        subcode=463,
    )


def does_not_exist(object_id: str) -> GraphFault:
    return GraphFault(
        400, 100,
        f"Unsupported post request. Object with ID '{object_id}' does not exist, cannot be "
        "loaded due to missing permissions, or does not support this operation.",
        subcode=33, type_="GraphMethodException",
    )


def invalid_parameter(message: str) -> GraphFault:
    return GraphFault(400, 100, f"(#100) {message}")


FAULTS = {
    "5xx": lambda: _json({"error": {"message": "An unexpected error has occurred. Please retry "
                                    "your request later.", "type": "OAuthException", "code": 2,
                                    "is_transient": True, "fbtrace_id": "AbCdEfFakeTrace"}}, 500),
    "unavailable": lambda: Response("Service Unavailable", status=503, content_type="text/html"),
    "rate_limit": lambda: GraphFault(400, 4, "(#4) Application request limit reached").response(),
    "page_rate_limit": lambda: GraphFault(
        400, 32, "(#32) Page request limit reached").response(),
    "expired": lambda: expired_token().response(),
    "permission": lambda: GraphFault(
        403, 200, "(#200) Requires pages_manage_engagement permission to manage the object",
    ).response(),
}


class FakeGraph:
    def __init__(self, httpserver, version: str = VERSION):
        self.server = httpserver
        self.prefix = f"/{version}/"
        self.url = httpserver.url_for(f"/{version}")
        self.accounts: dict[str, Account] = {}
        self.comments: dict[str, Comment] = {}
        self.posts: dict[str, str] = {}  # post id -> the account it is on
        self.logins: dict[str, list[str]] = {}  # Facebook Login code -> the Pages it manages
        self.calls: list[Call] = []
        self._faults: list[tuple[str, float]] = []
        httpserver.expect_request(re.compile(rf"^/{re.escape(version)}/.+")).respond_with_handler(
            self.handle
        )

    # What a test sets up -------------------------------------------------------------------

    def add_page(self, page_id: str, *, token: str, name: str = "Healthwatch Sutton",
                 scopes: tuple[str, ...] | None = None, expires_at: int = 0) -> Account:
        from moderation.meta.graph import FACEBOOK_SCOPES

        account = Account(page_id, "facebook", token, name,
                          scopes if scopes is not None else FACEBOOK_SCOPES, expires_at)
        self.accounts[page_id] = account
        return account

    def add_instagram(self, account_id: str, *, token: str, name: str = "healthwatchsutton",
                      scopes: tuple[str, ...] | None = None) -> Account:
        from moderation.meta.graph import INSTAGRAM_SCOPES

        account = Account(account_id, "instagram", token, name,
                          scopes if scopes is not None else INSTAGRAM_SCOPES)
        self.accounts[account_id] = account
        return account

    def add_comment(self, comment_id: str, *, owner: str, text: str = "A comment",
                    author_id: str = "u-1", author_name: str = "Sam Visitor",
                    post_id: str = "", created: datetime | None = None) -> Comment:
        comment = Comment(comment_id, owner, post_id or f"{owner}_post1", text, author_id,
                          author_name, created or datetime(2026, 11, 24, 14, 5, tzinfo=UTC))
        self.comments[comment_id] = comment
        self.posts.setdefault(comment.post_id, owner)
        return comment

    def add_login(self, code: str, *, pages: list[str]) -> None:
        """Facebook Login will return `code` for a person who manages `pages`."""
        self.logins[code] = pages

    def expire(self, account_id: str) -> None:
        """The account's token stops working (expired, or revoked by a person)."""
        self.accounts[account_id].expires_at = -1

    def reconnect(self, account_id: str, token: str) -> None:
        self.accounts[account_id].token = token
        self.accounts[account_id].expires_at = 0

    def fail_next(self, kind: str, times: int = 1, delay: float = 0.0) -> None:
        """The next `times` requests fail: a key of FAULTS, or "timeout" (the answer comes
        `delay` seconds late, after the request has taken effect, as a real slow answer
        would)."""
        self._faults.extend([(kind, delay)] * times)

    def calls_to(self, method: str, path: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.path == path]

    # The server side ----------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        path = request.path.removeprefix(self.prefix)
        params = {**request.args.to_dict(), **request.form.to_dict()}
        header = request.headers.get("Authorization", "")
        token = header.removeprefix("Bearer ") if header.startswith("Bearer ") else ""
        self.calls.append(Call(request.method, path, params, token))
        assert "access_token" not in params, "the token must travel in the header"
        if self._faults:
            kind, delay = self._faults.pop(0)
            if kind == "timeout":
                response = self._route(request.method, path, params, token)
                time.sleep(delay)
                return response
            return FAULTS[kind]()
        return self._route(request.method, path, params, token)

    def _route(self, method: str, path: str, params: dict, token: str) -> Response:
        try:
            parts = path.split("/")
            if path == "debug_token" and method == "GET":
                return self._debug_token(params, token)
            if path == "oauth/access_token" and method == "GET":
                return self._oauth_access_token(params)
            if path == "me/accounts" and method == "GET":
                return self._me_accounts(token)
            if len(parts) == 1:
                return self._node(method, parts[0], params, token)
            if len(parts) == 2:
                return self._edge(method, parts[0], parts[1], params, token)
            raise invalid_parameter(f"Unknown path components: /{path}")
        except GraphFault as fault:
            return fault.response()

    def _owner(self, object_id: str, token: str) -> Account:
        account = self.accounts.get(object_id)
        if account is None:
            comment = self.comments.get(object_id)
            if comment is None or comment.deleted:
                raise does_not_exist(object_id)
            account = self.accounts[comment.owner]
        if not token or token != account.token:
            raise bad_token()
        if account.expires_at < 0:
            raise expired_token()
        return account

    def _debug_token(self, params: dict, token: str) -> Response:
        app_token = f"{settings.META_APP_ID}|{settings.META_APP_SECRET}"
        if token != app_token and token != params.get("input_token"):
            raise bad_token()
        input_token = params.get("input_token", "")
        for account in self.accounts.values():
            if account.token == input_token:
                data = {
                    "app_id": APP_ID, "type": "PAGE", "application": "HWS Engage",
                    "data_access_expires_at": 1_900_000_000, "expires_at": max(
                        account.expires_at, 0),
                    "is_valid": account.expires_at >= 0, "issued_at": 1_764_000_000,
                    "profile_id": account.id, "scopes": list(account.scopes),
                    "user_id": "9000",
                }
                if account.expires_at < 0:
                    data["error"] = {"code": 190, "subcode": 463,
                                     "message": "Error validating access token: Session has "
                                                "expired."}
                return _json({"data": data})
        return _json({"data": {"is_valid": False, "error": {
            "code": 190, "message": "Invalid OAuth access token."}, "scopes": []}})

    def _oauth_access_token(self, params: dict) -> Response:
        if (params.get("client_id"), params.get("client_secret")) != (
                settings.META_APP_ID, settings.META_APP_SECRET):
            raise GraphFault(400, 1, "Error validating client secret.")
        if params.get("grant_type") == "fb_exchange_token":
            short = params.get("fb_exchange_token", "")
            if not short.startswith("user-short-"):
                raise bad_token()
            return _json({"access_token": short.replace("short", "long"),
                          "token_type": "bearer", "expires_in": 5_184_000})
        code = params.get("code", "")
        if code not in self.logins or not params.get("redirect_uri"):
            raise GraphFault(400, 100, "Invalid verification code format.",
                             type_="OAuthException")
        return _json({"access_token": f"user-short-{code}", "token_type": "bearer",
                      "expires_in": 5_400})

    def _me_accounts(self, token: str) -> Response:
        code = token.removeprefix("user-long-")
        if not token.startswith("user-long-") or code not in self.logins:
            raise bad_token()
        pages = []
        for page_id in self.logins[code]:
            page = self.accounts[page_id]
            entry = {"id": page.id, "name": page.name, "access_token": page.token}
            linked = [a.id for a in self.accounts.values()
                      if a.platform == "instagram" and a.token == page.token]
            if linked:
                entry["instagram_business_account"] = {"id": linked[0]}
            pages.append(entry)
        return _json({"data": pages})

    def _node(self, method: str, object_id: str, params: dict, token: str) -> Response:
        account = self._owner(object_id, token)
        if object_id == account.id:
            if method != "GET":
                raise invalid_parameter("Unsupported operation on an account")
            key = "name" if account.platform == "facebook" else "username"
            return _json({"id": account.id, key: account.name})
        comment = self.comments[object_id]
        if method == "DELETE":
            comment.deleted = True
            return _json({"success": True})
        if method == "POST":
            flag = "is_hidden" if account.platform == "facebook" else "hide"
            if set(params) != {flag} or params[flag] not in {"true", "false"}:
                raise invalid_parameter(
                    f"{account.platform} comments take {flag}=true|false, got {sorted(params)}")
            comment.hidden = params[flag] == "true"
            return _json({"success": True})
        raise invalid_parameter(f"Unsupported {method} on a comment")

    def _edge(self, method: str, object_id: str, edge: str, params: dict,
              token: str) -> Response:
        account = self._owner(object_id, token)
        if object_id != account.id:
            raise invalid_parameter(f"Tried accessing nonexisting field ({edge})")
        handler = getattr(self, f"_{account.platform}_{edge}_{method.lower()}", None)
        if handler is None:
            raise invalid_parameter(f"Unsupported {method} /{object_id}/{edge}")
        return handler(account, params)

    def _facebook_blocked_post(self, account: Account, params: dict) -> Response:
        user = params.get("user")
        if not user:
            raise invalid_parameter("The parameter user is required")
        account.blocked.add(user)
        return _json({user: True})

    def _facebook_blocked_delete(self, account: Account, params: dict) -> Response:
        user = params.get("user")
        if not user:
            raise invalid_parameter("The parameter user is required")
        account.blocked.discard(user)
        return _json({"success": True})

    def _facebook_blocked_get(self, account: Account, params: dict) -> Response:
        return _json({"data": [{"id": user} for user in sorted(account.blocked)]})

    def _messages(self, account: Account, params: dict) -> Response:
        try:
            recipient = json.loads(params["recipient"])
            message = json.loads(params["message"])
        except (KeyError, ValueError):
            raise invalid_parameter("recipient and message are required JSON objects") from None
        comment = self.comments.get(str(recipient.get("comment_id")))
        if comment is None or comment.owner != account.id:
            raise GraphFault(400, 100, "(#100) No matching user found", subcode=2018001)
        if not message.get("text"):
            raise invalid_parameter("message.text is required")
        account.messages.append({"comment_id": comment.id, "text": message["text"]})
        return _json({"recipient_id": f"psid-{comment.author_id}",
                      "message_id": f"m_{len(account.messages)}"})

    _facebook_messages_post = _messages
    _instagram_messages_post = _messages

    def _facebook_subscribed_apps_post(self, account: Account, params: dict) -> Response:
        fields = params.get("subscribed_fields", "")
        if not fields:
            raise invalid_parameter("The parameter subscribed_fields is required")
        account.subscribed_fields = fields.split(",")
        return _json({"success": True})

    def _facebook_subscribed_apps_get(self, account: Account, params: dict) -> Response:
        if not account.subscribed_fields:
            return _json({"data": []})
        return _json({"data": [{"id": APP_ID, "name": "HWS Engage",
                                "subscribed_fields": account.subscribed_fields}]})

    def _recent(self, account: Account, params: dict, post, comment) -> Response:
        """The account's posts, each with its comments, shaped by `post` and `comment`."""
        if "comments" not in params.get("fields", ""):
            raise invalid_parameter("fields must ask for comments")
        posts: dict[str, list[Comment]] = {
            post_id: [] for post_id, owner in self.posts.items() if owner == account.id
        }
        for c in self.comments.values():
            if c.owner == account.id and not c.deleted:
                posts[c.post_id].append(c)
        return _json({"data": [
            {**post(post_id), "comments": {"data": [comment(c) for c in comments]}}
            for post_id, comments in posts.items()
        ]})

    def _facebook_feed_get(self, account: Account, params: dict) -> Response:
        return self._recent(account, params, lambda post_id: {
            "id": post_id, "permalink_url": f"https://www.facebook.com/{post_id}",
        }, lambda c: {
            "id": c.id, "message": c.text, "is_hidden": c.hidden,
            "created_time": c.created.strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "permalink_url": f"https://www.facebook.com/{c.id}",
            "from": {"id": c.author_id, "name": c.author_name},
        })

    def _instagram_media_get(self, account: Account, params: dict) -> Response:
        return self._recent(account, params, lambda post_id: {
            "id": post_id, "permalink": f"https://www.instagram.com/p/{post_id}/",
        }, lambda c: {
            "id": c.id, "text": c.text, "hidden": c.hidden,
            "timestamp": c.created.strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "from": {"id": c.author_id, "username": c.author_name},
        })
