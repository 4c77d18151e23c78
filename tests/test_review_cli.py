"""A wrong argument is placed at the command line in the clerk's language."""

from __future__ import annotations

import io

from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main


def test_the_command_line_is_named_in_thai_under_lang_th(tree):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    for arguments, english in (
        (["new", "party", "Bad_Id"], "usage error: command line: 'Bad_Id' is not a valid id"),
        (["build", "nosuch"], "usage error: command line: no agreement 'nosuch'"),
    ):
        err = io.StringIO()
        assert main([*arguments, "--root", str(root)], out=io.StringIO(), err=err) == 2
        assert err.getvalue().startswith(english)
        err = io.StringIO()
        assert main([*arguments, "--root", str(root), "--lang", "th"], out=io.StringIO(), err=err) == 2
        assert err.getvalue().startswith("สั่งงานไม่ถูกต้อง: บรรทัดคำสั่ง: ")
        assert "command line" not in err.getvalue()
