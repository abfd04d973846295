"""Regions, districts and schools for tests (factory_boy)."""

from __future__ import annotations

import factory

from schools.models import District, Region, School


class RegionFactory(factory.django.DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = "Түркістан облысы"


class DistrictFactory(factory.django.DjangoModelFactory[District]):
    class Meta:
        model = District
        django_get_or_create = ("region", "name")

    region = factory.SubFactory(RegionFactory)
    name = "Сайрам ауданы"


class SchoolFactory(factory.django.DjangoModelFactory[School]):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"№{n + 1} жалпы білім беретін мектеп")
    district = factory.SubFactory(DistrictFactory)
