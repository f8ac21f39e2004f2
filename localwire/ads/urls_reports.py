"""Addresses of the advertising part named in urls.py: campaign dashboards, their CSV, operator revenue."""

from django.urls import path

from localwire.ads import report_views

urlpatterns = [
    path("advertise/campaigns/<int:campaign_id>/report", report_views.campaign_report_page, name="ads_campaign_report"),
    path("advertise/campaigns/<int:campaign_id>/report.csv", report_views.campaign_report_csv,
         name="ads_campaign_report_csv"),
    path("advertise/reports", report_views.advertiser_reports_page, name="ads_reports"),
    path("advertise/reports.csv", report_views.advertiser_reports_csv, name="ads_reports_csv"),
    path("moderation/ads/revenue", report_views.revenue_page, name="ads_revenue"),
    path("moderation/ads/revenue.csv", report_views.revenue_csv, name="ads_revenue_csv"),
]
