from django.urls import path

from . import views

urlpatterns = [
    path("board/", views.board, name="reports_board"),
    path("board.csv", views.board_csv, name="reports_board_csv"),
    path("board.pdf", views.board_pdf, name="reports_board_pdf"),
]
