"""Wagtail hooks: the catalog API's router, which lms.api mounts (lms/extension_points.py)."""

from wagtail import hooks

from lms.extension_points import API_ROUTERS


@hooks.register(API_ROUTERS, order=200)
def catalog_api():
    from .api import router  # imported when lms builds the API

    return router
