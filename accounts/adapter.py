from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # New sign-ups wait for an administrator; the approval middleware keeps them out.
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data.get("full_name", "")
        user.approval = user.Approval.PENDING
        if commit:
            user.save()
        return user
