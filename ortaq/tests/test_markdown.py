import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ortaq.lib.markdown import plain_text, render_markdown


def test_it_renders_markdown():
    html = render_markdown("**Критериалды** бағалау\n\n- бір\n- екі")
    assert "<strong>Критериалды</strong>" in html and "<li>бір</li>" in html


def test_it_removes_scripts_handlers_and_javascript_links():
    html = render_markdown(
        '<script>alert(1)</script> [сілтеме](javascript:alert(1)) <img src=x onerror="alert(1)"> '
        '<a href="JaVaScRiPt:alert(1)">x</a> <iframe src="https://evil.example"></iframe>'
    )
    lowered = html.lower()
    assert "<script" not in lowered and "javascript:" not in lowered
    assert "onerror" not in lowered and "<iframe" not in lowered


def test_links_are_marked_nofollow():
    assert 'rel="nofollow noopener ugc"' in render_markdown("[Ortaq](https://ortaq.kz)")


def test_plain_text_keeps_only_words():
    assert plain_text(render_markdown("# Тақырып\n\n**Мұғалім** сөзі")) == "Тақырып Мұғалім сөзі"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>\"'=/:;() ascriptjvonerrlkhf&#x1[]!")), max_size=80))
def test_no_input_produces_a_script_or_an_event_handler(text):
    lowered = render_markdown(text).lower()
    assert "<script" not in lowered
    assert "javascript:" not in lowered
    assert " onerror=" not in lowered and " onload=" not in lowered


@pytest.mark.parametrize(
    "source",
    [
        "![сурет](https://tracker.example/pixel.png)",
        "![](//tracker.example/pixel.png)",
        '<img src="https://tracker.example/pixel.png" alt="x">',
        '<img src="//tracker.example/pixel.png">',
        "![сурет](http://tracker.example/pixel.png)",
    ],
)
def test_an_image_from_another_server_is_never_loaded(source):
    html = render_markdown(source)
    assert not re.search(r'<img[^>]*\ssrc="(?!/[^/])', html)
    assert "tracker.example/pixel.png" not in html.split("<a", 1)[0]  # at most a link the reader may follow


def test_an_image_from_another_server_becomes_a_link_to_it():
    html = render_markdown("Кесте: ![бағалау кестесі](https://example.kz/table.png)")
    assert '<a href="https://example.kz/table.png" rel="nofollow noopener ugc">бағалау кестесі</a>' in html


def test_an_image_of_this_site_is_shown():
    html = render_markdown("![сызба](/forum/attachments/7/)")
    assert '<img alt="сызба" src="/forum/attachments/7/">' in html
