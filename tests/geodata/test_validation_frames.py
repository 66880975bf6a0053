"""The schema checks on frames as a source hands them over, many rows sharing each mistake.

The checks test each distinct value once and spread the verdict over the rows that hold it;
these cases pin every problem word for word and in order, so a check that stopped reporting,
reported a value once instead of per row, or moved a row, fails here.
"""

import geopandas as gpd
import pandas as pd
import pytest
from factories import sample_layers

from geodata import DatasetError, Problem
from geodata.sources.tables import checked_dataset, id_lists
from geodata.vocabulary import split_id_list


def crafted_layers() -> dict:
    """The sample dataset with projects twice and participants six times over, their ids,
    references, lists and required texts broken, the same way on several rows."""
    layers = sample_layers()
    projects = layers["projects"]
    projects = gpd.GeoDataFrame(pd.concat([projects, projects], ignore_index=True),
                                crs=projects.crs)
    projects["project_id"] = ["tama", "kinki-bio", "kansai-it", "tama-2", "kinki-2", "tama"]
    projects["programs"] = ["icp-term1;icp-term3", "icp-term1; ICP 2 ;;nope", " ; ",
                            "icp-term1;icp-term3", "icp-term2", None]
    projects["fields"] = ["it", "nanotech;it", "it;biotechnology", "nanotech;it", "", "it"]
    projects["cooperates_with"] = ["icp-term1", "nope", None, "x y", "nope", ";"]
    projects["name_en"] = ["A", "  ", "C", None, "E", "F"]
    layers["projects"] = projects
    participants = layers["participants"]
    participants = gpd.GeoDataFrame(pd.concat([participants] * 6, ignore_index=True),
                                    crs=participants.crs)
    participants["participant_id"] = ["p-1", "p-2", "P 3", "p-1", "  ", None, "p-7", "p-8",
                                      "P 3", "p-10", "p-11", "p-12"]
    participants["project_id"] = ["tama", "nope", "kinki-bio", "Bad Id", "nope", "", "tama",
                                  None, "kinki-bio", "nope", "tama-2", "tama"]
    participants["kind"] = ["university", "bank", "university", "bank", "", "company", "Bank",
                            "university", None, "bank", "finance", "university"]
    participants["location_note"] = ["here", "", "here", None, "here", " ", "here", "here",
                                     "here", "here", "here", "here"]
    participants["source_id"] = ["src-a", "src-z", "src-a", "src-b", "src-z", "src-a", "src-a",
                                 "src-a", "src-a", "src-a", "src-a", "src-q"]
    layers["participants"] = participants
    layers["fields"]["color"] = ["#1b9e77", "red"]
    layers["programs"]["evidence_lines"] = ["22;72", "line 3"]
    return layers


PROGRAMS = "(valid: icp-term1, icp-term2)"
PROJECTS = "(valid: kansai-it, kinki-2, kinki-bio, tama, tama-2)"
KINDS = ("(valid: company, finance, incubator, local-government, map-label, promoter, "
         "research-institute, support-organisation, university)")
NOT_AN_ID = "is not an id (lowercase letters, digits and '-')"
EMPTY = "required value is empty"

CRAFTED_PROBLEMS = [
    ("fields", "it", "color", "'red' is not a colour (#rrggbb or #rgb)"),
    ("programs", "icp-term2", "evidence_lines",
     "'line 3' is not line numbers (183, 183-184 or 22;72)"),
    ("projects", "kinki-bio", "name_en", EMPTY),
    ("projects", "tama-2", "name_en", EMPTY),
    ("projects", "tama", "programs", EMPTY),
    ("projects", "tama", "programs", f"unknown program 'icp-term3' {PROGRAMS}"),
    ("projects", "kinki-bio", "programs", "'ICP 2' is not an id"),
    ("projects", "kinki-bio", "programs", f"unknown program 'nope' {PROGRAMS}"),
    ("projects", "kansai-it", "programs", "needs at least one id"),
    ("projects", "tama-2", "programs", f"unknown program 'icp-term3' {PROGRAMS}"),
    ("projects", "kinki-bio", "cooperates_with", f"unknown program 'nope' {PROGRAMS}"),
    ("projects", "tama-2", "cooperates_with", "'x y' is not an id"),
    ("projects", "kinki-2", "cooperates_with", f"unknown program 'nope' {PROGRAMS}"),
    ("projects", "kinki-2", "fields", EMPTY),
    ("projects", "kinki-bio", "fields", "unknown field 'nanotech' (valid: biotechnology, it)"),
    ("projects", "tama-2", "fields", "unknown field 'nanotech' (valid: biotechnology, it)"),
    ("projects", "row 6", "project_id", "duplicate id 'tama'"),
    ("participants", "row 5", "participant_id", EMPTY),
    ("participants", "row 6", "participant_id", EMPTY),
    ("participants", "row 3", "participant_id", f"'P 3' {NOT_AN_ID}"),
    ("participants", "row 9", "participant_id", f"'P 3' {NOT_AN_ID}"),
    ("participants", "row 6", "project_id", EMPTY),
    ("participants", "p-8", "project_id", EMPTY),
    ("participants", "p-1", "project_id", f"'Bad Id' {NOT_AN_ID}"),
    ("participants", "p-2", "project_id", f"unknown project 'nope' {PROJECTS}"),
    ("participants", "row 5", "project_id", f"unknown project 'nope' {PROJECTS}"),
    ("participants", "p-10", "project_id", f"unknown project 'nope' {PROJECTS}"),
    ("participants", "row 5", "kind", EMPTY),
    ("participants", "row 9", "kind", EMPTY),
    ("participants", "p-7", "kind", f"'Bank' {NOT_AN_ID}"),
    ("participants", "p-2", "kind", f"not one of 'bank' {KINDS}"),
    ("participants", "p-1", "kind", f"not one of 'bank' {KINDS}"),
    ("participants", "p-10", "kind", f"not one of 'bank' {KINDS}"),
    ("participants", "p-2", "location_note", EMPTY),
    ("participants", "p-1", "location_note", EMPTY),
    ("participants", "row 6", "location_note", EMPTY),
    ("participants", "p-2", "source_id", "unknown source 'src-z' (valid: src-a, src-b)"),
    ("participants", "row 5", "source_id", "unknown source 'src-z' (valid: src-a, src-b)"),
    ("participants", "p-12", "source_id", "unknown source 'src-q' (valid: src-a, src-b)"),
    ("participants", "row 4", "participant_id", "duplicate id 'p-1'"),
    ("participants", "row 9", "participant_id", "duplicate id 'P 3'"),
]


def test_every_row_holding_a_mistake_is_reported_word_for_word_in_order():
    with pytest.raises(DatasetError) as raised:
        checked_dataset(None, crafted_layers(), [])
    assert raised.value.problems == [Problem(*each) for each in CRAFTED_PROBLEMS]


def test_read_problems_come_first_then_the_schema_ones():
    read_problem = Problem("places", "", "", "cannot read the layer (disk I/O error)")
    with pytest.raises(DatasetError) as raised:
        checked_dataset(None, crafted_layers(), [read_problem])
    assert raised.value.problems[0] == read_problem
    assert raised.value.problems[1:] == [Problem(*each) for each in CRAFTED_PROBLEMS]


@pytest.mark.parametrize("values", [
    ["icp-term1;icp-term2", "icp-term1", None, "icp-term1;icp-term2", " a ; b ;", "", ";",
     "icp-term1", float("nan"), "x"],
    [],
    [None, None],
], ids=["shared-lists", "no-rows", "all-missing"])
def test_id_lists_split_as_each_value_alone_would_be(values):
    column = pd.Series(values, index=range(10, 10 + len(values)), dtype=object, name="programs")
    lists = id_lists(column)
    expected = column.map(split_id_list)
    pd.testing.assert_series_equal(lists, expected)


def test_rows_sharing_a_list_get_lists_of_their_own():
    column = pd.Series(["icp-term1;icp-term2"] * 3, dtype=object)
    lists = id_lists(column)
    lists.iloc[0].append("changed")
    assert lists.iloc[1] == ["icp-term1", "icp-term2"]


def test_an_id_holding_a_newline_is_not_an_id():
    """The ids of a column are matched at once, joined by newlines: an id with a newline of its
    own read as two well-formed ones, so a key 'tama\\nx' passed and a bureau 'kanto\\nkinki'
    was called unknown rather than malformed."""
    layers = sample_layers()
    layers["projects"]["project_id"] = ["tama\nx", "kinki-bio", "kansai-it"]
    layers["projects"]["bureau_id"] = ["kanto", "kanto\nkinki", "kinki"]
    layers["participants"]["project_id"] = ["kinki-bio", "kinki-bio"]
    layers["participant_counts"]["project_id"] = ["kinki-bio"]
    layers["tieups"]["project_id"] = ["kinki-bio", "kinki-bio"]
    with pytest.raises(DatasetError) as raised:
        checked_dataset(None, layers, [])
    assert raised.value.problems == [
        Problem("projects", "row 1", "project_id", f"'tama\\nx' {NOT_AN_ID}"),
        Problem("projects", "kinki-bio", "bureau_id", f"'kanto\\nkinki' {NOT_AN_ID}"),
    ]
