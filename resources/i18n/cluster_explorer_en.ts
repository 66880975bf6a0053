<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AchievementsPanel</name>
    <message numerus="yes">
        <source>%n achievement(s) — {scope}</source>
        <translation>
            <numerusform>%n achievement — {scope}</numerusform>
            <numerusform>%n achievements — {scope}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message numerus="yes">
        <source>%n project(s) side by side — the filter&apos;s projects; companies and universities as reported</source>
        <translation>
            <numerusform>%n project side by side — the filter&apos;s projects; companies and universities as reported</numerusform>
            <numerusform>%n projects side by side — the filter&apos;s projects; companies and universities as reported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n region(s) side by side — the filter&apos;s projects; companies and universities as reported</source>
        <translation>
            <numerusform>%n region side by side — the filter&apos;s projects; companies and universities as reported</numerusform>
            <numerusform>%n regions side by side — the filter&apos;s projects; companies and universities as reported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportListDialog</name>
    <message numerus="yes">
        <source>Checking and placing %n row(s)…</source>
        <translation>
            <numerusform>Checking and placing %n row…</numerusform>
            <numerusform>Checking and placing %n rows…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s): {ready} ready, {choose} to choose a place for, {unplaced} not found, {invalid} with a problem. Rows not ready are left out and listed here.</source>
        <translation>
            <numerusform>%n row: {ready} ready, {choose} to choose a place for, {unplaced} not found, {invalid} with a problem. Rows not ready are left out and listed here.</numerusform>
            <numerusform>%n rows: {ready} ready, {choose} to choose a place for, {unplaced} not found, {invalid} with a problem. Rows not ready are left out and listed here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) give no project: choose the project they belong to.</source>
        <translation>
            <numerusform>%n row gives no project: choose the project it belongs to.</numerusform>
            <numerusform>%n rows give no project: choose the project they belong to.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writing %n row(s) into {target}…</source>
        <translation>
            <numerusform>Writing %n row into {target}…</numerusform>
            <numerusform>Writing %n rows into {target}…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) imported into {target}; {reported} left out. Open it now?</source>
        <translation>
            <numerusform>%n row imported into {target}; {reported} left out. Open it now?</numerusform>
            <numerusform>%n rows imported into {target}; {reported} left out. Open it now?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message numerus="yes">
        <source>“{name}” fits %n place(s); choose one below the list</source>
        <translation>
            <numerusform>“{name}” fits %n place; choose it below the list</numerusform>
            <numerusform>“{name}” fits %n places; choose one below the list</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>{name} does not follow the dataset schema ({count} problem(s)). {instead}</source>
        <translation>
            <numerusform>{name} does not follow the dataset schema ({count} problem). {instead}</numerusform>
            <numerusform>{name} does not follow the dataset schema ({count} problems). {instead}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n project(s)</source>
        <translation>
            <numerusform>{shown} of %n project</numerusform>
            <numerusform>{shown} of %n projects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation>
            <numerusform>%n field</numerusform>
            <numerusform>%n fields</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n program(s)</source>
        <translation>
            <numerusform>%n program</numerusform>
            <numerusform>%n programs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tie-up(s) shown</source>
        <translation>
            <numerusform>%n tie-up shown</numerusform>
            <numerusform>%n tie-ups shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n tie-up(s) shown</source>
        <comment>status bar, a bureau or project selected</comment>
        <translation>
            <numerusform>{shown} of %n tie-up shown</numerusform>
            <numerusform>{shown} of %n tie-ups shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message numerus="yes">
        <source>{place} — %n project(s)</source>
        <comment>map, read aloud</comment>
        <translation>
            <numerusform>{place} — %n project</numerusform>
            <numerusform>{place} — %n projects</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrganisationLayerAction</name>
    <message numerus="yes">
        <source>Imported &amp;organisations (%n organisation(s))</source>
        <translation>
            <numerusform>Imported &amp;organisations (%n organisation)</numerusform>
            <numerusform>Imported &amp;organisations (%n organisations)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParticipantsPanel</name>
    <message numerus="yes">
        <source>{named} in %n project(s) — {scope}</source>
        <translation>
            <numerusform>{named} in %n project — {scope}</numerusform>
            <numerusform>{named} in %n projects — {scope}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n named organisation(s)</source>
        <translation>
            <numerusform>%n named organisation</numerusform>
            <numerusform>%n named organisations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegionList</name>
    <message numerus="yes">
        <source>Whole country — %n project(s)</source>
        <translation>
            <numerusform>Whole country — %n project</numerusform>
            <numerusform>Whole country — %n projects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} — {projects}, %n tie-up(s)</source>
        <translation>
            <numerusform>{name} — {projects}, %n tie-up</numerusform>
            <numerusform>{name} — {projects}, %n tie-ups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n project(s)</source>
        <translation>
            <numerusform>%n project</numerusform>
            <numerusform>%n projects</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavedViews</name>
    <message numerus="yes">
        <source>(%n other(s) not shown.)</source>
        <translation>
            <numerusform>(%n other not shown.)</numerusform>
            <numerusform>(%n others not shown.)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TieupsPanel</name>
    <message numerus="yes">
        <source>{tieups} with %n country(s) — {scope}</source>
        <translation>
            <numerusform>{tieups} with %n country — {scope}</numerusform>
            <numerusform>{tieups} with %n countries — {scope}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tie-up(s)</source>
        <translation>
            <numerusform>%n tie-up</numerusform>
            <numerusform>%n tie-ups</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message numerus="yes">
        <source>All years: %n project(s)</source>
        <translation>
            <numerusform>All years: %n project</numerusform>
            <numerusform>All years: %n projects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{year}: %n project(s)</source>
        <translation>
            <numerusform>{year}: %n project</numerusform>
            <numerusform>{year}: %n projects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n project(s) with years not stated: never placed on a year, shown only under All years</source>
        <translation>
            <numerusform>%n project with years not stated: never placed on a year, shown only under All years</numerusform>
            <numerusform>%n projects with years not stated: never placed on a year, shown only under All years</numerusform>
        </translation>
    </message>
</context>
</TS>
