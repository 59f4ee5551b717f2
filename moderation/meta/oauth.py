"""Facebook Login for Business: a person with the Page's rights signs in with Facebook, and the
app turns the code it gets back into the Page's own access token.

Meta's code flow: the login dialog with `state` (checked on return, against forged returns),
the code exchanged for a user token with the app secret, that token made long-lived, and the
Page's token read from the person's Pages (`/me/accounts`): a Page token obtained from a
long-lived user token does not expire.
"""

from urllib.parse import urlencode

from django.conf import settings

from .errors import Permanent
from .graph import FACEBOOK_SCOPES, INSTAGRAM_SCOPES, GraphClient


def login_url(state: str, redirect_uri: str) -> str:
    params = {"client_id": settings.META_APP_ID, "redirect_uri": redirect_uri, "state": state,
              "response_type": "code"}
    if settings.META_LOGIN_CONFIG_ID:
        params["config_id"] = settings.META_LOGIN_CONFIG_ID
    else:
        params["scope"] = ",".join(dict.fromkeys(FACEBOOK_SCOPES + INSTAGRAM_SCOPES))
    return f"{settings.META_LOGIN_URL}?{urlencode(params)}"


def page_token(code: str, redirect_uri: str, *, page_id: str = "", instagram_id: str = "") -> str:
    """The access token of the Page `page_id`, or of the Page linked to the Instagram account
    `instagram_id`, among the Pages of the person who signed in."""
    app = {"client_id": settings.META_APP_ID, "client_secret": settings.META_APP_SECRET}
    with GraphClient("") as anonymous:
        short = anonymous.call("GET", "oauth/access_token", params={
            **app, "redirect_uri": redirect_uri, "code": code}).body["access_token"]
        long = anonymous.call("GET", "oauth/access_token", params={
            **app, "grant_type": "fb_exchange_token", "fb_exchange_token": short,
        }).body["access_token"]
    with GraphClient(long) as client:
        pages = client.call("GET", "me/accounts", params={
            "fields": "id,name,access_token,instagram_business_account", "limit": 100,
        }).body.get("data", [])
    for page in pages:
        linked = (page.get("instagram_business_account") or {}).get("id", "")
        if (page_id and page.get("id") == page_id) or (instagram_id and linked == instagram_id):
            return page["access_token"]
    wanted = f"Page {page_id}" if page_id else f"the Page linked to Instagram {instagram_id}"
    raise Permanent(f"The Facebook account that signed in does not manage {wanted}.")
