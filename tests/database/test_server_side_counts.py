"""The server-side queries (geodata/server_side/) give what the in-memory path gives, table by
table: per-bureau counts, facet counts, the visible projects and every layer of a selection,
for each field, each programme, texts, each bureau, a project, each fiscal year and
combinations, on the bundled dataset and on the synthetic one — against the real PostGIS
server the suite starts, the in-memory Dataset read from the very same schema."""

import pandas as pd
import pytest

from geodata import BUNDLED_DATASET, load_dataset
from geodata import queries as memory
from geodata.copying import copy_dataset, write_stored_layers
from geodata.figures import timeline_span
from geodata.server_side.queries import PAGED_LAYERS, open_server_queries
from geodata.values import Filter

PAGE_KEYS = {"projects": ["project_id"], "participants": ["participant_id"],
             "participant_counts": ["project_id", "kind", "count"], "tieups": ["tieup_id"],
             "achievements": ["achievement_id"]}


@pytest.fixture(scope="module", params=["bundled", "synthetic"])
def both(request, postgis):
    """(the Dataset in memory, the ServerQueries) of one schema of the server."""
    url = postgis.url(schema=f"server_side_{request.param}")
    if request.param == "bundled":
        copy_dataset(BUNDLED_DATASET, url)
    else:
        from benchmarks.synthetic import SCALES, synthetic_layers

        layers = synthetic_layers(SCALES["synthetic"])
        # the PostGIS reader asks for every layer, the optional gazetteer too
        layers["places"] = load_dataset().places
        # some outcomes stated for several projects (of several bureaus): counted once each
        achievements = layers["achievements"]
        achievements["outcome_id"] = [f"shared-outcome-{row % 40}" if row % 7 == 0 else None
                                      for row in range(len(achievements))]
        write_stored_layers(url, layers)
    queries = open_server_queries(url)
    try:
        yield load_dataset(url), queries
    finally:
        queries.close()


def filters_for(ds) -> list[tuple[str, Filter]]:
    """Every field, every programme offered, each bureau, each year the programmes date, texts
    (in the projects, the participants, the partners, full-width, none, LIKE's own signs), a
    project, and combinations of them."""
    projects = ds.projects
    first_word = projects["name_en"].iloc[len(projects) // 2].split()[0]
    participant = ds.participants["name_en"].iloc[len(ds.participants) // 3]
    partner = ds.tieups["partner"].iloc[0]
    filters = [("everything", Filter())]
    filters += [(f"field {field_id}", Filter(fields=frozenset({field_id})))
                for field_id in ds.fields["field_id"]]
    filters += [(f"programme {program_id}", Filter(programs=frozenset({program_id})))
                for program_id in ds.filter_programs["program_id"]]
    filters += [(f"bureau {bureau_id}", Filter(bureau_id=bureau_id))
                for bureau_id in ds.bureaus["bureau_id"]]
    first, last = timeline_span(ds)
    filters += [(f"FY{year}", Filter(fiscal_year=year)) for year in range(first - 1, last + 2)]
    fullwidth = "".join(chr(ord(letter) + 0xFEE0) if "!" <= letter <= "~" else letter
                        for letter in first_word.upper())
    filters += [(f"text {text!r}", Filter(text=text)) for text in (
        first_word, participant[2:9], partner[1:7], fullwidth, "no such text anywhere", "%",
        "_", "合成", "クラスター")]
    project_id = projects["project_id"].iloc[len(projects) // 3]
    bureau_id = projects["bureau_id"].iloc[len(projects) // 3]
    some_fields = frozenset(ds.fields["field_id"].iloc[:3])
    some_programs = frozenset(ds.filter_programs["program_id"].iloc[:2])
    filters += [
        ("a project", Filter(project_id=project_id)),
        ("a project and its bureau", Filter(bureau_id=bureau_id, project_id=project_id)),
        ("a project of another bureau", Filter(
            bureau_id=next(b for b in ds.bureaus["bureau_id"] if b != bureau_id),
            project_id=project_id)),
        ("fields and programmes", Filter(fields=some_fields, programs=some_programs)),
        ("fields, a bureau and a text", Filter(fields=some_fields, bureau_id=bureau_id,
                                               text=first_word[:3])),
        ("programmes, a year and a bureau", Filter(programs=some_programs,
                                                   fiscal_year=first + 2, bureau_id=bureau_id)),
        ("a text and a year", Filter(text=first_word[:2], fiscal_year=last)),
        ("fields and a project", Filter(fields=some_fields, project_id=project_id)),
    ]
    return filters


def test_bureau_summaries_are_the_in_memory_ones(both):
    ds, queries = both
    for name, flt in filters_for(ds):
        server = queries.bureau_summaries(flt)
        expected = memory.bureau_summaries(ds, flt)
        pd.testing.assert_frame_equal(server[expected.columns.tolist()], expected,
                                      check_dtype=False, obj=name)
        participants = [len(memory.run_query(ds, flt.scope.evolve(bureau_id=bureau_id))
                            .participants) for bureau_id in ds.bureaus["bureau_id"]]
        assert server["participants"].tolist() == participants, name
        assert queries.bureau_counts(flt) == memory.bureau_counts(ds, flt), name


def test_facet_counts_are_the_in_memory_ones(both):
    ds, queries = both
    for name, flt in filters_for(ds):
        assert queries.facet_counts(flt) == memory.facet_counts(ds, flt), name


def test_visible_projects_are_the_in_memory_ones(both):
    ds, queries = both
    for name, flt in filters_for(ds):
        assert queries.visible_project_ids(flt) == memory.visible_project_ids(ds, flt), name


def test_a_selection_counts_every_layer_as_in_memory(both):
    ds, queries = both
    for name, flt in filters_for(ds):
        result = memory.run_query(ds, flt)
        counts = queries.selection_counts(flt)
        assert (counts.projects, counts.participants, counts.participant_counts,
                counts.tieups, counts.achievements) == tuple(
            len(getattr(result, layer)) for layer in PAGED_LAYERS), name
        assert counts.outcomes == result.outcome_count, name
        assert counts.source_ids == result.source_ids, name


def test_pages_list_every_row_of_every_layer_once_in_order(both):
    ds, queries = both
    for name, flt in filters_for(ds)[::3]:  # every third filter: pages cost a trip each
        result = memory.run_query(ds, flt)
        for layer in PAGED_LAYERS:
            expected = getattr(result, layer)[PAGE_KEYS[layer]]
            rows, after = [], 0
            while after is not None:
                page = queries.page(layer, flt, after=after, limit=97)
                positions = [page.columns.index(column) for column in PAGE_KEYS[layer]]
                rows += [tuple(row[i] for i in positions) for row in page.rows]
                after = page.after
            assert rows == list(expected.itertuples(index=False, name=None)), (name, layer)


def test_one_round_trip_answers_as_the_single_questions(both):
    """A filter click's one statement (its scope read once) answers what the single
    questions and the in-memory path answer, for every filter."""
    ds, queries = both
    for number, (name, flt) in enumerate(filters_for(ds)):
        answer = queries.filter_action(flt)
        pd.testing.assert_frame_equal(answer.bureau_summaries, queries.bureau_summaries(flt),
                                      obj=name)
        assert answer.facets == memory.facet_counts(ds, flt), name
        assert answer.selection == queries.selection_counts(flt), name
        if number % 5:
            continue
        chosen = queries.selection_action(flt, limit=5)
        assert chosen.selection == answer.selection, name
        assert [row[0] for row in chosen.projects.rows] == \
            memory.run_query(ds, flt).projects["project_id"].tolist()[:5], name


def test_a_page_is_bounded_and_names_only_known_layers(both):
    _ds, queries = both
    assert len(queries.page("participants", Filter(), limit=10**9).rows) <= 5_000
    with pytest.raises(ValueError, match="no pages of 'bureaus'"):
        queries.page("bureaus", Filter())
