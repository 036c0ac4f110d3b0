"""Demo typical examples for `seed_demo`: four published stories with photos
drawn here (no network), one waiting for the city bureau and one draft, taken
through the real services by the demo logins. Idempotent: keyed by title."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from stations.models import Role, User

from ..models import TypicalExample
from ..services.examples import example_photo_add, typical_example_save, typical_example_transition

# (author login, kind, title, name as published, summary, story, captions, steps)
EXAMPLES = [
    (
        "demo-community",
        "leader",
        "扎根社区十年的就业服务带头人",
        "李书记",
        "把驿站办成居民身边的“就业客厅”，十年帮助 600 多名居民找到工作。",
        "李书记从社区网格员做起，挨家挨户摸清居民的就业意愿和技能情况，建立“四清”台账。\n"
        "她牵头与辖区 20 多家企业签订用工协议，每周在驿站举办“岗位集市”，"
        "让居民在家门口就能见到招聘单位。",
        ["驿站里的岗位集市", "入户走访登记就业意愿"],
        ["submit", "publish"],
    ),
    (
        "demo-community",
        "employment_case",
        "下岗后在家门口找到物业保洁工作",
        "张大姐",
        "48 岁的张大姐在驿站推荐下进入社区物业公司，月收入 3200 元。",
        "企业改制后张大姐一直没有稳定工作。驿站工作人员了解到她想就近上班、照顾老人，"
        "推荐她参加家政保洁培训，又对接了劳务合作社承接的小区保洁项目。\n"
        "如今她已是保洁班的班长，还带动了 5 名姐妹一起上岗。",
        ["张大姐在小区绿化带工作"],
        ["submit", "publish"],
    ),
    (
        "demo-community-b",
        "startup_star",
        "从煎饼摊到三家连锁早餐店",
        "刘师傅",
        "享受一次性创业补贴和创业担保贷款，带动 12 人就业。",
        "刘师傅 2021 年在社区门口摆起煎饼摊，驿站帮他办理了个体工商户执照，申请了创业补贴。"
        "后来通过创业担保贷款开了第一家门店，现在已有三家连锁早餐店。",
        ["早餐店门口", "刘师傅和店员"],
        ["submit", "publish"],
    ),
    (
        "demo-community-b",
        "employment_case",
        "残疾青年在如康家园学会电商客服",
        "小王",
        "在如康家园参加培训后，小王成为一家电商公司的居家客服。",
        "小王肢体残疾，出行不便。社区如康家园为他安排了电商客服培训，"
        "驿站又为他对接了可以居家办公的岗位，让他实现了稳定就业。",
        ["小王在如康家园学习"],
        ["submit", "publish"],
    ),
    (
        "demo-community",
        "startup_star",
        "返乡大学生办起农村电商",
        "陈同学",
        "大学毕业返乡，直播销售石榴盆景，年销售额 80 万元。",
        "陈同学毕业后回到家乡，在创业孵化基地入驻，驿站帮助她申请了场地租赁补贴。",
        ["直播间"],
        ["submit"],
    ),
    (
        "demo-community-b",
        "leader",
        "老党员组建就业帮扶志愿队",
        "赵大爷",
        "退休老党员带领志愿者一对一帮扶就业困难人员。",
        "赵大爷退休后组建了 15 人的志愿服务队，定期走访零就业家庭。",
        [],
        [],
    ),
]

PALETTES = [
    ((236, 112, 99), (255, 235, 205)),
    ((88, 140, 196), (225, 238, 250)),
    ((96, 170, 120), (230, 245, 232)),
    ((230, 170, 60), (255, 246, 220)),
]


def demo_photo(seed: int, caption: str) -> SimpleUploadedFile:
    """A small coloured picture with simple shapes (a sun, houses, a path)."""
    accent, background = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (800, 600), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((600, 40, 720, 160), fill=(250, 200, 80))
    for i in range(3):
        x = 80 + i * 220 + (seed * 17) % 40
        draw.rectangle((x, 300, x + 160, 480), fill=accent)
        draw.polygon([(x - 10, 300), (x + 80, 220), (x + 170, 300)], fill=tuple(max(c - 50, 0) for c in accent))
        draw.rectangle((x + 60, 400, x + 100, 480), fill=(255, 255, 255))
    draw.rectangle((0, 480, 800, 600), fill=(120, 120, 120))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return SimpleUploadedFile(f"demo-{seed}.jpg", buffer.getvalue(), content_type="image/jpeg")


def seed_examples(*, scale, rng, stdout=None):
    city = User.objects.filter(username="demo-city", role=Role.CITY_BUREAU).first()
    if city is None:
        return
    made = 0
    for index, (login, kind, title, name, summary, story, captions, steps) in enumerate(EXAMPLES):
        author = User.objects.filter(username=login, role=Role.COMMUNITY_STAFF).first()
        if author is None or TypicalExample.objects.filter(title=title).exists():
            continue
        example = typical_example_save(
            actor=author,
            example=TypicalExample(
                community=author.community,
                kind=kind,
                title=title,
                person_name=name,
                summary=summary,
                story=story,
                consent_on_file=bool(steps),
            ),
        )
        for n, caption in enumerate(captions):
            example_photo_add(actor=author, example=example, upload=demo_photo(index * 3 + n, caption), caption=caption)
        for step in steps:
            typical_example_transition(actor=city if step == "publish" else author, example=example, step=step)
        made += 1
    if stdout is not None and made:
        stdout.write(f"  typical examples: {made}")
