"""The matching command's matches.csv goes through lms/spreadsheets.py: ids that a spreadsheet would run as
formulas are written as text, and scores (the command's own numbers) stay numbers, negative ones included."""

import csv
import io

from mentoring.matching.__main__ import main


def test_formula_ids_are_neutralised_and_scores_stay_numbers(tmp_path, capsys):
    (tmp_path / "edges.csv").write_text(
        'mentee,mentor,score\n"=1+1",@SUM(A1),2\n+cmd,-M2,-1.5\n" =HYPERLINK(""http://x"")",M3,0\n'
    )
    (tmp_path / "capacity.csv").write_text("mentor,capacity\n@SUM(A1),1\n-M2,1\nM3,1\n")
    out = tmp_path / "matches.csv"
    code = main(
        ["--edges", str(tmp_path / "edges.csv"), "--capacity", str(tmp_path / "capacity.csv"), "--out", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == ["mentee", "mentor", "score"]
    assert sorted(rows[1:]) == [
        ["'+cmd", "'-M2", "-1.5"],
        ["'=1+1", "'@SUM(A1)", "2"],
        ['\'=HYPERLINK("http://x")', "M3", "0"],
    ]
