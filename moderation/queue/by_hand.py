"""What a person does on each platform when the app cannot do it there: in plain words, per
platform and kind of action, for the to-do page. `{author}` is the author's name as the
platform shows it."""

from ..models import Channel, PlatformAction

P, K = Channel.Platform, PlatformAction.Kind

STEPS: dict[tuple[str, str], str] = {
    (P.FACEBOOK, K.DELETE): "Delete {author}'s comment on Facebook: open the comment → "
    "… next to it → Delete → Delete.",
    (P.FACEBOOK, K.HIDE): "Hide {author}'s comment on Facebook: open the comment → … next to "
    "it → Hide comment.",
    (P.FACEBOOK, K.BLOCK): "Ban {author} from the Facebook Page: open the comment → … next to "
    "it → Ban {author} → Ban.",
    (P.FACEBOOK, K.UNBLOCK): "Unban {author} on Facebook: Page settings → Privacy → "
    "Banned people and Profiles → Unban next to {author}.",
    (P.FACEBOOK, K.REPORT): "Report {author}'s comment to Facebook: open the comment → … next "
    "to it → Report comment, and follow its reporting guidance.",
    (P.FACEBOOK, K.REPLY): "Send {author} the private reply on Facebook: open the comment → "
    "Message (under it), paste the reply and send it.",
    (P.INSTAGRAM, K.DELETE): "Delete {author}'s comment on Instagram: open the post → tap and "
    "hold the comment (or … on a computer) → Delete.",
    (P.INSTAGRAM, K.HIDE): "Hide {author}'s comment on Instagram: open the post → tap and hold "
    "the comment → … → Hide comment.",
    (P.INSTAGRAM, K.BLOCK): "Block {author} on Instagram: open their profile → … (top right) "
    "→ Block → Block. Instagram offers no way for the app to do this.",
    (P.INSTAGRAM, K.UNBLOCK): "Unblock {author} on Instagram: Settings → Blocked → Unblock "
    "next to {author}.",
    (P.INSTAGRAM, K.REPORT): "Report {author}'s comment to Instagram: tap and hold the "
    "comment → Report, and follow its reporting guidance.",
    (P.INSTAGRAM, K.REPLY): "Send {author} the private reply on Instagram: open the comment → "
    "Reply privately (or message {author}), paste the reply and send it.",
    (P.X, K.DELETE): "Hide {author}'s reply on X (X lets nobody delete another person's "
    "reply): open the reply → … → Hide reply.",
    (P.X, K.HIDE): "Hide {author}'s reply on X: open the reply → … → Hide reply.",
    (P.X, K.BLOCK): "Block {author} on X: open their profile → … → Block.",
    (P.X, K.UNBLOCK): "Unblock {author} on X: open their profile → Blocked → Unblock.",
    (P.X, K.REPORT): "Report {author}'s post to X: open it → … → Report post.",
    (P.YOUTUBE, K.DELETE): "Remove {author}'s comment on YouTube: YouTube Studio → Comments "
    "→ ⋮ next to it → Remove.",
    (P.YOUTUBE, K.HIDE): "Hold {author}'s comment for review on YouTube: YouTube Studio → "
    "Comments → ⋮ next to it → Remove (YouTube has no hide).",
    (P.YOUTUBE, K.BLOCK): "Hide {author} from the channel on YouTube: YouTube Studio → "
    "Comments → ⋮ next to their comment → Hide user from channel.",
    (P.YOUTUBE, K.UNBLOCK): "Show {author} again on YouTube: YouTube Studio → Settings → "
    "Community → Hidden users → remove {author}.",
    (P.YOUTUBE, K.REPORT): "Report {author}'s comment to YouTube: ⋮ next to it → Report.",
    (P.LINKEDIN, K.DELETE): "Delete {author}'s comment on LinkedIn: open the post → … next to "
    "the comment → Delete.",
    (P.LINKEDIN, K.BLOCK): "Block {author} on LinkedIn: open their profile → More → "
    "Report / Block → Block.",
    (P.LINKEDIN, K.REPORT): "Report {author}'s comment to LinkedIn: … next to it → Report.",
    (P.WEBSITE, K.DELETE): "Delete {author}'s comment in the website's admin pages.",
    (P.WEBSITE, K.HIDE): "Unpublish {author}'s comment in the website's admin pages.",
    (P.WEBSITE, K.BLOCK): "Stop {author} commenting in the website's admin pages (block or "
    "ban the commenter).",
}

GENERAL = {
    K.DELETE: "Delete {author}'s comment on {platform}.",
    K.HIDE: "Hide {author}'s comment on {platform}.",
    K.BLOCK: "Block {author} on {platform}.",
    K.UNBLOCK: "Unblock {author} on {platform}.",
    K.REPORT: "Report {author}'s comment to {platform}, following its reporting guidance.",
    K.REPLY: "Send {author} the private reply on {platform}.",
}


def steps_for(platform: str, kind: str, author: str) -> str:
    """What to do by hand, in plain words."""
    text = STEPS.get((platform, kind)) or GENERAL.get(kind, "{kind} on {platform}.")
    return text.format(
        author=author or "the author",
        platform=Channel.Platform(platform).label if platform in Channel.Platform.values
        else platform,
        kind=kind,
    )
