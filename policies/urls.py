from django.urls import path

from . import views

urlpatterns = [
    path("", views.policy_list, name="policies_list"),
    path("new/", views.policy_new, name="policies_new"),
    path("accounts/", views.account_register, name="policies_accounts"),
    path("accounts/propose/", views.account_propose, name="policies_account_propose"),
    path("accounts/<int:pk>/", views.account_detail, name="policies_account"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="policies_account_edit"),
    path("accounts/<int:pk>/close/", views.account_request_change, {"kind": "close"},
         name="policies_account_close"),
    path("accounts/<int:pk>/ask-to-open/", views.account_request_change, {"kind": "open"},
         name="policies_account_reopen_request"),
    path("accounts/<int:pk>/posting/authorise/", views.posting_authorise,
         name="policies_posting_authorise"),
    path("accounts/<int:pk>/posting/review/", views.posting_review,
         name="policies_posting_review"),
    path("accounts/posting/<int:pk>/withdraw/", views.posting_withdraw,
         name="policies_posting_withdraw"),
    path("accounts/requests/<int:pk>/", views.account_request, name="policies_account_request"),
    path("accounts/requests/<int:pk>/agree/", views.account_agree, name="policies_agree"),
    path("accounts/requests/<int:pk>/decline/", views.account_decline, name="policies_decline"),
    path("<slug:slug>/", views.policy_detail, name="policies_detail"),
    path("<slug:slug>/history/", views.policy_history, name="policies_history"),
    path("<slug:slug>/read/", views.policy_confirm_read, name="policies_confirm_read"),
    path("<slug:slug>/readers/", views.policy_readers, name="policies_readers"),
    path("<slug:slug>/review/", views.policy_review, name="policies_review"),
    path("<slug:slug>/publish/", views.policy_publish, name="policies_publish"),
    path("<slug:slug>/versions/<int:number>/", views.policy_version, name="policies_version"),
    path("<slug:slug>/versions/<int:number>/changes/", views.policy_changes,
         name="policies_changes"),
]
