"""Email on the console for a local run, written so a person can read it and click its links.

Django's console backend prints the MIME message, whose quoted-printable encoding breaks long
lines with '=': a verification link printed that way cannot be opened.
"""

from django.core.mail.backends.console import EmailBackend


class ReadableConsoleBackend(EmailBackend):
    def write_message(self, message):
        attachments = [a.filename for a in message.attachments if getattr(a, "filename", None)]
        lines = [
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
            f"Subject: {message.subject}",
            *([f"Attachments: {', '.join(attachments)}"] if attachments else []),
            "",
            message.body,
            "-" * 79,
        ]
        self.stream.write("\n".join(lines) + "\n")
