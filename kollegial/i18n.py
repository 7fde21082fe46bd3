"""The string catalog: every user-facing text, Swedish first, English on request.

Strings are looked up by key at the moment they are shown, so the core can carry
a key and its parameters (see :class:`kollegial.errors.KollegialError`) and the
view decides the language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Literal, get_args

from kollegial.display import safe

if TYPE_CHECKING:
    from string import Formatter

Lang = Literal["sv", "en"]
LANGUAGES: tuple[str, ...] = get_args(Lang)

# key -> (Swedish, English). Parameters use str.format syntax; a count's word
# is written `{count:fil|filer}`: the first form for 1, the second otherwise.
CATALOG: dict[str, tuple[str, str]] = {
    # --- modes, as a reader says them ---
    "mode.info": ("information", "information"),
    "mode.silent": ("tyst", "silent"),
    "mode.round": ("laget runt", "round"),
    "mode.discussion": ("samtal", "discussion"),
    "mode.rate": ("värdering", "rating"),
    "mode.decision": ("beslut", "decision"),
    "mode.present": ("presentation", "presentation"),
    "mode.subgroups": ("smågrupper", "small groups"),
    "mode.block": ("flera steg", "block"),
    # --- protocol sources ---
    "source.bundled": ("medföljer", "bundled"),
    "source.user": ("din mapp", "your folder"),
    "source.path": ("KOLLEGIAL_PATH", "KOLLEGIAL_PATH"),
    "source.cli": ("sökväg", "path"),
    # --- list / show ---
    "list.col.id": ("id", "id"),
    "list.col.title": ("titel", "title"),
    "list.col.minutes": ("minuter", "minutes"),
    "list.col.steps": ("steg", "steps"),
    "list.col.variants": ("varianter", "variants"),
    "list.col.source": ("källa", "source"),
    "list.overrides": ("ersätter den medföljande", "overrides the bundled one"),
    "list.shadowed": ("dold av en annan med samma id", "hidden by another with the same id"),
    "list.folders": (
        "Mappar som söks, i ordning: {folders}",
        "Folders searched, in order: {folders}",
    ),
    "list.none": (
        "Inga protokoll hittades.",
        "No protocols found.",
    ),
    "list.skipped": (
        "Hoppade över {file}: {reason}",
        "Skipped {file}: {reason}",
    ),
    "list.invalid": (
        "{count} {count:fil|filer} kunde inte läsas: {files}. Kör `kollegial validate` på {count:den|dem} för detaljer.",
        "{count} {count:file|files} could not be read: {files}. Run `kollegial validate` on {count:it|them} for details.",
    ),
    "show.total": ("Planerad tid: {minutes} minuter", "Planned time: {minutes} minutes"),
    "list.scales": (
        "* Längden beror på hur många ni är; här för {people} deltagare. "
        "Se `kollegial show ID --participants N`.",
        "* The length depends on how many you are; shown here for {people} participants. "
        "See `kollegial show ID --participants N`.",
    ),
    "show.total_for": (
        "Planerad tid: {minutes} minuter för {people} deltagare",
        "Planned time: {minutes} minutes for {people} participants",
    ),
    "show.total_default": (
        "Längden beror på hur många ni är; tiden ovan gäller {people} deltagare. "
        "För er grupp: kollegial show {id} --participants N",
        "The length depends on how many you are; the time above is for {people} "
        "participants. For your group: kollegial show {id} --participants N",
    ),
    "show.per_person": ("{minutes} min per deltagare", "{minutes} min per participant"),
    "show.optional": ("(kan hoppas över)", "(may be skipped)"),
    "show.present": ("{who} talar, de andra lyssnar", "{who} speaks, the others listen"),
    "show.exclude": ("alla utom {who}", "everyone but {who}"),
    "show.pairs": ("i par", "in pairs"),
    "show.groups_of": ("i grupper om {size}", "in groups of {size}"),
    "show.split": ("({people} deltagare: {sizes})", "({people} participants: {sizes})"),
    "show.passes": ("{count} omgångar", "{count} passes"),
    "show.for_each_participant": (
        "en gång per deltagare{times}:",
        "once per participant{times}:",
    ),
    "show.for_each_participant_as": (
        "en gång per deltagare{times}, som {role}:",
        "once per participant{times}, as {role}:",
    ),
    "show.variants": ("Varianter", "Variants"),
    "show.variant_hint": (
        "Kör en variant med: kollegial run {id} --variant {name}",
        "Run a variant with: kollegial run {id} --variant {name}",
    ),
    "show.minutes": ("{minutes} min", "{minutes} min"),
    "show.no_timer": ("ingen tid", "no timer"),
    "show.notes_column": ("anteckningar i: {column}", "notes go to: {column}"),
    "show.notes_own": ("anteckningar: i stegets egen lista", "notes: the step's own"),
    "show.appoint": ("utse: {role}", "appoint: {role}"),
    "show.decision": ("beslut: {label}", "decision: {label}"),
    "show.for_each_group": ("ett varv per grupp:", "once per group:"),
    "show.show_ratings": ("visar värderingarna", "shows the ratings"),
    "show.round_until_all_pass": (
        "laget runt tills alla står över",
        "rounds until everyone passes",
    ),
    "show.turn_seconds": ("{seconds} s per tur", "{seconds} s per turn"),
    "show.groups": ("Påståenden", "Statements"),
    "show.roles": ("Roller", "Roles"),
    "show.columns": ("Anteckningskolumner", "Note columns"),
    "show.steps": ("Steg", "Steps"),
    "show.scale": (
        "Skala {min}–{max}{labels}",
        "Scale {min}–{max}{labels}",
    ),
    "show.source": ("Källa: {source}", "Source: {source}"),
    "show.bad_start": (
        "Starttiden {value!r} förstås inte. Skriv den som TT:MM, t.ex. --start 14:00.",
        "The start time {value!r} is not understood. Write it as HH:MM, e.g. --start 14:00.",
    ),
    # --- validate ---
    "validate.ok": ("OK {file}", "OK {file}"),
    "validate.summary_bad": (
        "{bad} av {total} {total:fil|filer} har fel.",
        "{bad} of {total} {total:file|files} {bad:has|have} errors.",
    ),
    "validate.nothing": (
        "Inga protokollfiler (.yaml) hittades i {path}.",
        "No protocol files (.yaml) found in {path}.",
    ),
    # --- errors: files ---
    "err.file_missing": (
        "filen finns inte. Kontrollera namnet och sökvägen.",
        "the file does not exist. Check the name and the path.",
    ),
    "err.file_is_dir": (
        "det här är en mapp, inte en fil. Ange en .yaml-fil (eller kör validate på mappen).",
        "this is a folder, not a file. Give a .yaml file (or run validate on the folder).",
    ),
    "err.file_not_regular": (
        "det här är ingen vanlig fil (en FIFO, en enhet eller liknande) och läses inte. "
        "Ange en vanlig fil.",
        "this is not a regular file (a FIFO, a device or the like) and is not read. "
        "Give a regular file.",
    ),
    "err.file_too_big": (
        "filen är {size} byte, större än gränsen {limit} byte för ett protokoll. Är det rätt fil?",
        "the file is {size} bytes, more than the {limit}-byte limit for a protocol. "
        "Is it the right file?",
    ),
    "err.file_unreadable": (
        "filen kan inte läsas ({reason}).",
        "the file cannot be read ({reason}).",
    ),
    "err.too_deep": (
        "listor och nycklar ligger mer än {limit} nivåer inuti varandra här. Inget protokoll "
        "behöver så djup nästling: är det rätt fil?",
        "lists and keys are nested more than {limit} levels deep here. No protocol needs such "
        "deep nesting: is it the right file?",
    ),
    "err.not_utf8": (
        "filen är inte sparad som UTF-8 (ogiltig byte 0x{byte:02x}). "
        "Spara om den som UTF-8 i din texteditor.",
        "the file is not saved as UTF-8 (invalid byte 0x{byte:02x}). "
        "Save it again as UTF-8 in your text editor.",
    ),
    "err.empty": (
        "filen är tom. Ett protokoll behöver minst `title:` och `steps:`.",
        "the file is empty. A protocol needs at least `title:` and `steps:`.",
    ),
    "err.not_mapping": (
        "protokollet ska vara nycklar och värden (title:, steps: ...), men filen "
        "innehåller {kind}.",
        "a protocol must be keys and values (title:, steps: ...), but the file holds {kind}.",
    ),
    "kind.list": ("en lista", "a list"),
    "kind.scalar": ("ett enskilt värde", "a single value"),
    "kind.mapping": ("nycklar och värden", "keys and values"),
    "kind.nothing": ("ingenting", "nothing"),
    "err.tab": (
        "tabbtecken används för indrag; YAML kräver mellanslag. Byt tabben mot mellanslag.",
        "a tab is used for indentation; YAML requires spaces. Replace the tab with spaces.",
    ),
    "err.yaml": (
        "YAML-fel: {problem}. Kontrollera indrag, kolon och citattecken här.",
        "YAML error: {problem}. Check indentation, colons and quotes here.",
    ),
    "err.bad_character": (
        "tecknet U+{code:04X} får inte finnas i en protokollfil (ett osynligt styrtecken?). "
        "Ta bort det.",
        "the character U+{code:04X} is not allowed in a protocol file (an invisible control "
        "character?). Remove it.",
    ),
    # what the YAML parser found, in the writer's words (the {problem} of err.yaml)
    "yaml.colon_missing": (
        "ett kolon (:) saknas efter en nyckel",
        "a colon (:) is missing after a key",
    ),
    "yaml.colon_unexpected": (
        "ett kolon på ett oväntat ställe; sätt texten inom citattecken om den innehåller ': '",
        "a colon in an unexpected place; put the text in quotes if it contains ': '",
    ),
    "yaml.indentation": (
        "indraget stämmer inte med raderna ovanför",
        "the indentation does not match the lines above",
    ),
    "yaml.dash_indentation": (
        "en listrad (- ) har fel indrag",
        "a list line (- ) is indented wrongly",
    ),
    "yaml.dash_unexpected": (
        "en listrad (- ) på ett oväntat ställe; börja listan på en egen rad med indrag",
        "a list entry (- ) in an unexpected place; start the list on its own, indented line",
    ),
    "yaml.value_missing": (
        "ett värde saknas här",
        "a value is missing here",
    ),
    "yaml.flow_list": (
        "en lista inom [ ] saknar ett kommatecken eller sin avslutande ]",
        "a list in [ ] lacks a comma or its closing ]",
    ),
    "yaml.flow_mapping": (
        "nycklarna inom klammerparenteser saknar ett kommatecken eller den avslutande "
        "klammerparentesen",
        "the keys in curly braces lack a comma or the closing brace",
    ),
    "yaml.unquoted_end": (
        "filen tar slut mitt i ett citat eller en lista",
        "the file ends inside a quote or a list",
    ),
    "yaml.bad_start": (
        "ett tecken som inte får inleda ett värde; sätt texten inom citattecken",
        "a character that cannot start a value; put the text in quotes",
    ),
    "yaml.undefined_alias": ("ett alias (*) utan ankare", "an alias (*) without an anchor"),
    "yaml.anchor_name": (
        "ett & eller * utan namn efter; sätt texten inom citattecken",
        "an & or * without a name after it; put the text in quotes",
    ),
    "yaml.tag_handle": (
        "ett okänt ! före värdet; sätt texten inom citattecken",
        "an unknown ! before the value; put the text in quotes",
    ),
    "yaml.escape": (
        "ett okänt tecken efter \\ inom citattecken",
        "an unknown character after \\ inside quotes",
    ),
    "err.multiple_documents": (
        "filen innehåller flera YAML-dokument (---). Ett protokoll är ett dokument per fil.",
        "the file holds several YAML documents (---). A protocol is one document per file.",
    ),
    "err.tag": (
        "taggen {tag} är inte tillåten: ett protokoll är bara data. Ta bort taggen.",
        "the tag {tag} is not allowed: a protocol is data only. Remove the tag.",
    ),
    "err.tag_value": (
        "`{raw}` kan inte läsas som {tag}. Ta bort taggen {tag} eller rätta värdet.",
        "`{raw}` cannot be read as {tag}. Remove the tag {tag} or correct the value.",
    ),
    "err.anchor": (
        "ankare och alias (&, *) stöds inte i protokoll. Skriv ut värdet i stället.",
        "anchors and aliases (&, *) are not supported in protocols. Write the value out.",
    ),
    "err.duplicate_key": (
        "nyckeln `{key}` finns redan på rad {first_line}. Ta bort eller byt namn på en av dem.",
        "the key `{key}` is already given on line {first_line}. Remove or rename one of them.",
    ),
    "err.key_not_string": (
        "nyckeln {key!r} måste vara ett ord (text).",
        "the key {key!r} must be a word (text).",
    ),
    "err.sexagesimal": (
        "`{raw}` läses av YAML som talet {value}, inte som en tid. "
        "Skriv antalet minuter som ett tal, t.ex. `{hint}`.",
        "`{raw}` is read by YAML as the number {value}, not as a time. "
        "Write the number of minutes, e.g. `{hint}`.",
    ),
    "err.yaml11_bool": (
        "`{raw}` läses av YAML som {value}. Skriv `{value}` om du menar det, "
        'annars texten inom citattecken: "{raw}".',
        "`{raw}` is read by YAML as {value}. Write `{value}` if you mean that, "
        'otherwise the text in quotes: "{raw}".',
    ),
    "err.octal": (
        "`{raw}` läses av YAML som det oktala talet {value}. Ta bort nollan först: `{hint}`.",
        "`{raw}` is read by YAML as the octal number {value}. Drop the leading zero: `{hint}`.",
    ),
    # --- errors: schema ---
    "err.missing": (
        "`{key}` saknas{where}. Lägg till `{key}:`.",
        "`{key}` is missing{where}. Add `{key}:`.",
    ),
    "where.protocol": ("", ""),
    "where.step": (" i steget", " in the step"),
    "where.role": (" i rollen", " in the role"),
    "where.column": (" i kolumnen", " in the column"),
    "where.group": (" i gruppen", " in the group"),
    "where.statement": (" i påståendet", " in the statement"),
    "where.variant": (" i varianten", " in the variant"),
    "err.unknown_key": (
        "okänd nyckel `{key}`.{suggestion} Tillåtna här: {allowed}.",
        "unknown key `{key}`.{suggestion} Allowed here: {allowed}.",
    ),
    "err.suggest": (" Menade du `{near}`?", " Did you mean `{near}`?"),
    "err.type_string": ("här behövs en text.", "a text is needed here."),
    "err.type_number": (
        "här behövs ett tal (t.ex. 5 eller 0.5), inte `{got}`.",
        "a number is needed here (e.g. 5 or 0.5), not `{got}`.",
    ),
    "err.type_int": (
        "här behövs ett heltal, inte `{got}`.",
        "a whole number is needed here, not `{got}`.",
    ),
    "err.type_list": (
        "här behövs en lista (rader som börjar med `- `).",
        "a list is needed here (lines starting with `- `).",
    ),
    "err.type_mapping": (
        "här behövs nycklar och värden (`nyckel: värde`).",
        "keys and values are needed here (`key: value`).",
    ),
    "err.type_bool": (
        "här behövs true eller false.",
        "true or false is needed here.",
    ),
    "err.positive": (
        "`{key}` måste vara större än 0 (det är {got}).",
        "`{key}` must be greater than 0 (it is {got}).",
    ),
    "err.at_least": (
        "`{key}` måste vara minst {least} (det är {got}).",
        "`{key}` must be at least {least} (it is {got}).",
    ),
    "err.at_most": (
        "`{key}` får vara högst {most} (det är {got}).",
        "`{key}` may be at most {most} (it is {got}).",
    ),
    "err.at_most_minutes": (
        "`{key}` får vara högst {most} minuter, alltså 8 timmar (det är {got}). "
        "Dela upp ett längre moment i flera steg.",
        "`{key}` may be at most {most} minutes, that is 8 hours (it is {got}). "
        "Split a longer part into several steps.",
    ),
    "err.finite": ("talet måste vara ändligt.", "the number must be finite."),
    "err.choice": (
        "`{got}` är inte ett giltigt värde för `{key}`. Välj ett av: {choices}.",
        "`{got}` is not a valid value for `{key}`. Choose one of: {choices}.",
    ),
    "err.notes_value": (
        "`notes` ska vara id:t för en kolumn eller `true` (stegets egna anteckningar).",
        "`notes` must be a column id or `true` (the step's own notes).",
    ),
    "err.groups_value": (
        "`groups` ska vara `all` eller en lista med grupp-id:n.",
        "`groups` must be `all` or a list of group ids.",
    ),
    "err.empty_list": (
        "`{key}` får inte vara tom; lägg till minst en rad.",
        "`{key}` must not be empty; add at least one entry.",
    ),
    "err.empty_text": (
        "`{key}` får inte vara tom.",
        "`{key}` must not be empty.",
    ),
    "err.bad_id": (
        "id:t `{got}` får bara innehålla små bokstäver a–z, siffror och bindestreck "
        "(inte å, ä, ö eller mellanslag), t.ex. `{hint}`.",
        "the id `{got}` may only contain lowercase letters a–z, digits and hyphens "
        "(no spaces or accented letters), e.g. `{hint}`.",
    ),
    "err.scale_order": (
        "skalans `min` ({min}) måste vara mindre än `max` ({max}).",
        "the scale's `min` ({min}) must be less than `max` ({max}).",
    ),
    "err.scale_too_wide": (
        "skalan {min}–{max} har för många steg: högst {most} (som 0–10) får plats på skärmen "
        "och på papperet.",
        "the scale {min}–{max} has too many points: at most {most} (like 0–10) fit on the "
        "screen and on paper.",
    ),
    "err.scale_label": (
        "etiketten gäller värdet {value}, som ligger utanför skalan {min}–{max}.",
        "the label is for the value {value}, outside the scale {min}–{max}.",
    ),
    "err.invalid": ("ogiltigt värde: {detail}", "invalid value: {detail}"),
    # --- errors: semantics ---
    "err.mode_missing": (
        "steget saknar `mode`. Välj ett av: {choices} (eller ge det `steps:`).",
        "the step has no `mode`. Choose one of: {choices} (or give it `steps:`).",
    ),
    "err.block_with_mode": (
        "ett steg med `steps:` är ett block och kan inte ha `{key}`. "
        "Flytta `{key}` till ett av delstegen.",
        "a step with `steps:` is a block and cannot have `{key}`. "
        "Move `{key}` to one of its sub-steps.",
    ),
    "err.for_each_without_steps": (
        "`for_each` behöver delsteg under `steps:` att upprepa.",
        "`for_each` needs sub-steps under `steps:` to repeat.",
    ),
    "err.nested_for_each": (
        "`for_each` kan inte ligga inuti ett annat `for_each`-block.",
        "`for_each` cannot be nested inside another `for_each` block.",
    ),
    "err.unknown_column": (
        "`notes: {got}` pekar inte på någon kolumn.{suggestion} Kolumner: {known}.",
        "`notes: {got}` names no column.{suggestion} Columns: {known}.",
    ),
    "err.unknown_role": (
        "`{key}: {got}` pekar inte på någon roll.{suggestion} Roller: {known}.",
        "`{key}: {got}` names no role.{suggestion} Roles: {known}.",
    ),
    "err.unknown_group": (
        "`{got}` är ingen grupp.{suggestion} Grupper: {known}.",
        "`{got}` is not a group.{suggestion} Groups: {known}.",
    ),
    "err.none_defined": ("(inga definierade)", "(none defined)"),
    "err.needs_groups": (
        "`{what}` behöver påståenden, men protokollet har inga `groups:`. "
        "Lägg till grupper med påståenden överst i filen.",
        "`{what}` needs statements, but the protocol has no `groups:`. "
        "Add groups with statements at the top of the file.",
    ),
    "err.duplicate_id": (
        "id:t `{id}` används redan (rad {first_line}). Varje {kind} behöver ett eget id.",
        "the id `{id}` is already used (line {first_line}). Each {kind} needs its own id.",
    ),
    "kind.step": ("steg", "step"),
    "kind.role": ("roll", "role"),
    "kind.column": ("kolumn", "column"),
    "kind.group": ("grupp", "group"),
    "kind.statement": ("påstående", "statement"),
    "err.children_exceed": (
        "delstegen tar {children} minuter, mer än blockets {budget} minuter{per}{where}. "
        "Korta delstegen eller öka blockets `{key}`.",
        "the sub-steps take {children} minutes, more than the block's {budget} "
        "minutes{per}{where}. Shorten the sub-steps or raise the block's `{key}`.",
    ),
    "err.in_variant": (" i varianten `{variant}`", " in the variant `{variant}`"),
    "err.per_pass": (" per varv", " per pass"),
    "err.speaker_missing": (
        "`mode: present` behöver `speaker:`, rollen som talar medan de andra lyssnar "
        "(t.ex. `speaker: presentator`). Roller: {known}.",
        "`mode: present` needs `speaker:`, the role that speaks while the others listen "
        "(e.g. `speaker: presentator`). Roles: {known}.",
    ),
    "err.size_missing": (
        "`mode: subgroups` behöver `size:`, hur många som ska vara i varje grupp "
        "(t.ex. `size: 2` för par).",
        "`mode: subgroups` needs `size:`, how many people go in each group "
        "(e.g. `size: 2` for pairs).",
    ),
    "err.as_missing": (
        "`for_each: participant` behöver `as:`, rollen som var och en har under sin "
        "omgång (t.ex. `as: presentator`). Roller: {known}.",
        "`for_each: participant` needs `as:`, the role each participant holds during "
        "their pass (e.g. `as: presentator`). Roles: {known}.",
    ),
    "err.as_without_participant": (
        "`as` gäller bara block med `for_each: participant`: den namnger rollen som var "
        "deltagare har under sin omgång. Skriv `for_each: participant` eller ta bort `as`.",
        "`as` only applies to blocks with `for_each: participant`: it names the role each "
        "participant holds during their pass. Write `for_each: participant` or remove `as`.",
    ),
    "err.minutes_both": (
        "steget har både `minutes` och `minutes_per_person`. Välj en: `minutes` för en "
        "fast tid, `minutes_per_person` för en tid som växer med gruppen.",
        "the step has both `minutes` and `minutes_per_person`. Choose one: `minutes` for "
        "a fixed time, `minutes_per_person` for a time that grows with the group.",
    ),
    "err.variant_unknown_step": (
        "varianten `{variant}` nämner steget `{got}`, som inte finns.{suggestion} Steg: {known}.",
        "the variant `{variant}` names the step `{got}`, which does not exist.{suggestion} "
        "Steps: {known}.",
    ),
    "err.variant_both": (
        "varianten `{variant}` både ger steget `{id}` nya minuter och hoppar över det. "
        "Ta bort det ur `minutes` eller ur `skip`.",
        "the variant `{variant}` both gives the step `{id}` new minutes and skips it. "
        "Remove it from `minutes` or from `skip`.",
    ),
    "err.variant_empty": (
        "varianten `{variant}` hoppar över alla steg; då finns inget möte kvar. "
        "Låt minst ett steg vara kvar.",
        "the variant `{variant}` skips every step, which leaves no meeting. "
        "Keep at least one step.",
    ),
    "err.not_for_mode": (
        "`{key}` gäller bara steg med `mode: {modes}`, inte `mode: {mode}`.",
        "`{key}` only applies to steps with `mode: {modes}`, not `mode: {mode}`.",
    ),
    "err.show_in_private": (
        "`show: ratings` kan inte stå på ett steg med `mode: {mode}`: rummet skulle se "
        "värdena medan ni fortfarande värderar. Lägg `show: ratings` på steget efter.",
        "`show: ratings` cannot be on a step with `mode: {mode}`: the room would see the "
        "values while you are still rating. Put `show: ratings` on the step after.",
    ),
    "err.show_without_groups": (
        "`show: ratings` behöver grupper med påståenden (`groups:`).",
        "`show: ratings` needs groups with statements (`groups:`).",
    ),
    # --- errors: the session ---
    "err.no_such_step": (
        "Steg {number} finns inte; protokollet har {count} steg.",
        "There is no step {number}; the protocol has {count} {count:step|steps}.",
    ),
    "err.bad_adjust": (
        "Tiden kan bara ändras med ett vanligt antal sekunder.",
        "The time can only be changed by an ordinary number of seconds.",
    ),
    "err.no_timer": (
        "Det här steget har ingen planerad tid att förlänga eller korta.",
        "This step has no planned time to extend or shorten.",
    ),
    "err.not_round": (
        "Turordning finns bara i steg där ordet går laget runt.",
        "Turns only exist in steps where the word goes round.",
    ),
    "err.round_waiting": (
        "Ingen är markerad som närvarande. Tryck a och markera vilka som är här.",
        "Nobody is marked present. Press a and mark who is here.",
    ),
    "err.round_done": (
        "Alla har haft sin tur i den här rundan.",
        "Everyone has had their turn in this round.",
    ),
    "err.unknown_participant": (
        "{name} är inte med i mötet. Lägg till personen först.",
        "{name} is not in the meeting. Add them first.",
    ),
    "err.duplicate_participant": (
        "Namnet {name} finns redan. Skriv till exempel efternamnets första bokstav.",
        "The name {name} is already taken. Add, say, the initial of the surname.",
    ),
    "err.empty_name": ("Namnet får inte vara tomt.", "The name must not be empty."),
    "err.too_few_participants": (
        "Ett samtal behöver minst {minimum} deltagare.",
        "A conversation needs at least {minimum} participants.",
    ),
    "err.unknown_role_id": (
        "Protokollet har ingen roll med id {role}.",
        "The protocol has no role with the id {role}.",
    ),
    "err.empty_note": ("En anteckning kan inte vara tom.", "A note cannot be empty."),
    "err.unknown_note": ("Anteckning {id} finns inte.", "There is no note {id}."),
    "err.unknown_statement": (
        "Påståendet {statement} finns inte i protokollet.",
        "The statement {statement} is not in the protocol.",
    ),
    "err.rating_scale": (
        "Värdet {value} ligger utanför skalan {min}–{max}.",
        "The value {value} is outside the scale {min}–{max}.",
    ),
    "err.not_decision": (
        "Ett beslut skrivs i ett beslutssteg.",
        "A decision is written in a decision step.",
    ),
    "err.round_empty": (
        "Ingen annan än {name} är här, och {name} svarar inte i den här rundan. "
        "Gå vidare, eller markera vilka som är här (a).",
        "Nobody but {name} is here, and {name} does not respond in this round. "
        "Move on, or mark who is here (a).",
    ),
    "err.not_optional": (
        "Det här steget kan inte hoppas över; bara steg som protokollet kallar valfria kan det. "
        "Gå vidare till nästa steg i stället.",
        "This step cannot be skipped; only steps with `optional: true` can. "
        "Move on to the next step instead.",
    ),
    "err.session_ended": (
        "Mötet är avslutat. Gå tillbaka till ett steg först.",
        "The meeting has ended. Go back to a step first.",
    ),
    # --- errors: the store ---
    "err.store_unwritable": (
        "Datamappen {folder} går inte att skriva i ({reason}). Ge dig själv skrivrätt "
        "till mappen, frigör utrymme, eller välj en annan mapp med KOLLEGIAL_HOME=/en/mapp.",
        "The data folder {folder} cannot be written ({reason}). Give yourself write access, "
        "free some space, or choose another folder with KOLLEGIAL_HOME=/some/folder.",
    ),
    "err.store_shared": (
        "Datamappen {folder} kan skrivas av andra än dig (rättigheter {mode}), så vem som helst "
        "kan byta ut mötena där. Ta bort de andras skrivrätt (chmod go-w) eller välj en egen "
        "mapp med KOLLEGIAL_HOME=/en/mapp.",
        "The data folder {folder} can be written by others than you (permissions {mode}), so "
        "anyone could replace the meetings in it. Take their write access away (chmod go-w) "
        "or choose a folder of your own with KOLLEGIAL_HOME=/some/folder.",
    ),
    "err.store_corrupt": (
        "Databasen {path} är skadad och kan inte läsas ({reason}). Rädda det som går med "
        "`kollegial rescue`, flytta sedan undan filen så skapas en ny.",
        "The database {path} is damaged and cannot be read ({reason}). Rescue what can be "
        "read with `kollegial rescue`, then move the file aside and a new one is created.",
    ),
    "err.store_lost": (
        "Databasfilen {path} har ersatts eller tagits bort under mötet (ett synkprogram, ett "
        "städskript?).",
        "The database file {path} was replaced or removed during the meeting (a sync client, "
        "a cleanup script?).",
    ),
    "err.store_newer": (
        "Databasen {path} kommer från en nyare kollegial (version {version}). Uppdatera kollegial.",
        "The database {path} comes from a newer kollegial (version {version}). Update kollegial.",
    ),
    "err.no_sessions": (
        "Det finns inga sparade möten än. Starta ett med `kollegial run`.",
        "There are no saved meetings yet. Start one with `kollegial run`.",
    ),
    "err.only_demos": (
        "Det finns bara demomöten, och de tas bara med sitt nummer: till exempel {id}.",
        "There are only demo meetings, taken only by their number: for example {id}.",
    ),
    "err.no_session": (
        "Det finns inget möte med id {id}. Kör `kollegial sessions` för att se vilka som finns.",
        "There is no meeting with id {id}. Run `kollegial sessions` to see what there is.",
    ),
    "err.session_locked": (
        "Möte {id} är redan öppet i en annan kollegial ({holder}). Stäng det där först.",
        "Meeting {id} is already open in another kollegial ({holder}). Close it there first.",
    ),
    # --- sessions, export, import (CLI) ---
    "sessions.none": (
        "Inga sparade möten än. Starta ett med `kollegial run`.",
        "No saved meetings yet. Start one with `kollegial run`.",
    ),
    "sessions.none_protocol": (
        "Inga sparade möten med protokollet {id}.",
        "No saved meetings with protocol {id}.",
    ),
    "sessions.more": (
        "Äldre möten som inte visas: {count}. Visa alla med `--limit 0`.",
        "Older meetings not shown: {count}. Show them all with `--limit 0`.",
    ),
    "sessions.col.id": ("id", "id"),
    "sessions.col.protocol": ("protokoll", "protocol"),
    "sessions.col.when": ("datum och tid", "date and time"),
    "sessions.col.participants": ("deltagare", "participants"),
    "sessions.col.state": ("läge", "state"),
    "sessions.col.team": ("lag", "team"),
    "sessions.team_set": (
        "Möte {id} hör nu till laget {team}.",
        "Meeting {id} now belongs to the team {team}.",
    ),
    "sessions.team_cleared": (
        "Möte {id} hör inte längre till något lag.",
        "Meeting {id} no longer belongs to a team.",
    ),
    "sessions.none_in_team": (
        "Inga sparade möten för laget {team}.",
        "No saved meetings for the team {team}.",
    ),
    "sessions.running": ("pågår", "in progress"),
    "sessions.ended": ("avslutad", "finished"),
    "sessions.confirm_delete": (
        "Ta bort möte {id} ({title}, {when}, {people}) för gott? Det går inte att ångra.",
        "Remove meeting {id} ({title}, {when}, {people}) for good? This cannot be undone.",
    ),
    "sessions.deleted": (
        "Möte {id} är borttaget, också ur databasfilens gamla sidor.",
        "Meeting {id} is removed, also from the old pages of the database file.",
    ),
    "sessions.deleted_busy": (
        "Möte {id} är borttaget, men en annan öppen kollegial håller kvar gamla sidor i "
        "{path}-wal. Stäng den: när den sista kollegial stänger databasen tas filen bort.",
        "Meeting {id} is removed, but another open kollegial keeps old pages in {path}-wal. "
        "Close it: when the last kollegial closes the database, that file is removed.",
    ),
    "sessions.not_deleted": ("Inget togs bort.", "Nothing was removed."),
    "err.no_terminal_delete": (
        "`kollegial sessions --delete` frågar först och behöver en terminal att fråga i; "
        "lägg till --yes i ett skript.",
        "`kollegial sessions --delete` asks first and needs a terminal to ask in; add --yes "
        "in a script.",
    ),
    "sessions.state_damaged": ("skadat", "damaged"),
    "export.written": ("Sparat: {path}", "Wrote {path}"),
    "rescue.saved": (
        "Möte {id} ({title}): alla {saved} händelser sparade i {path}",
        "Meeting {id} ({title}): all {saved} events saved to {path}",
    ),
    "rescue.partly": (
        "Möte {id} ({title}): {saved} händelser sparade i {path}; {lost} gick inte att läsa "
        "(eller hängde på en som inte gick) och är förlorade.",
        "Meeting {id} ({title}): {saved} events saved to {path}; {lost} could not be read "
        "(or depended on one that could not) and are lost.",
    ),
    "rescue.lost": (
        "Möte {id}: mötets protokoll gick inte att läsa, så mötet kunde inte sparas "
        "({lost} händelser förlorade).",
        "Meeting {id}: the meeting's protocol could not be read, so the meeting could not be "
        "saved ({lost} events lost).",
    ),
    "rescue.failed": (
        "Möte {id} kunde inte sparas ({reason}).",
        "Meeting {id} could not be saved ({reason}).",
    ),
    "rescue.protocol_other": (
        "Mötets egen kopia av protokollet var skadad; kopian från möte {other} användes.",
        "The meeting's own copy of the protocol was damaged; the copy from meeting {other} "
        "was used.",
    ),
    "rescue.protocol_library": (
        "Mötets egen kopia av protokollet var skadad; protokollet som det ser ut nu användes.",
        "The meeting's own copy of the protocol was damaged; the protocol as it is now was used.",
    ),
    "rescue.none": (
        "Inga möten gick att hitta i {path}.",
        "No meetings could be found in {path}.",
    ),
    "rescue.summary": (
        "{saved} av {total} {total:möte|möten} {saved:sparat|sparade} i {folder}. Flytta undan {path} och ta in filerna "
        "med `kollegial import FIL`, en i taget.",
        "{saved} of {total} {total:meeting|meetings} saved in {folder}. Move {path} aside and bring the files "
        "in with `kollegial import FILE`, one at a time.",
    ),
    "err.rescue_unreadable": (
        "{path} går inte att läsa som en databas ({reason}), så inget kunde räddas.",
        "{path} cannot be read as a database ({reason}), so nothing could be rescued.",
    ),
    "sessions.demo": ("demo (välj med id)", "demo (pick by id)"),
    "import.done": (
        "Importerade mötet som id {id}: {title}",
        "Imported the meeting as id {id}: {title}",
    ),
    "err.import_exists": (
        "{path} är redan importerad: mötet finns som id {id} (kollegial export {id} visar det). "
        "Inget importerades.",
        "{path} is already imported: the meeting is there as id {id} (kollegial export {id} "
        "shows it). Nothing was imported.",
    ),
    "err.bad_format": (
        "Formatet {format!r} finns inte. Välj ett av: {choices}.",
        "The format {format!r} does not exist. Choose one of: {choices}.",
    ),
    "err.xlsx_needs_output": (
        "En Excel-bok kan inte visas i terminalen. Ange en fil: -o möte.xlsx",
        "An Excel workbook cannot be shown on the terminal. Give a file: -o meeting.xlsx",
    ),
    "err.not_a_file": (
        "det som finns där är ingen vanlig fil",
        "what is there is not a regular file",
    ),
    "err.write_failed": (
        "Kunde inte skriva {path} ({reason}). Välj en annan fil eller mapp.",
        "Could not write {path} ({reason}). Choose another file or folder.",
    ),
    "err.read_failed": (
        "Kunde inte läsa {path} ({reason}).",
        "Could not read {path} ({reason}).",
    ),
    "help.sessions": (
        "Lista sparade möten: id, protokoll, tid, lag, deltagare och läge.",
        "List saved meetings: id, protocol, time, team, participants and state.",
    ),
    "help.sessions.delete": (
        "Ta bort mötet ID för gott: anteckningar, namn och värderingar, även ur databasfilens "
        "gamla sidor. Frågar först.",
        "Remove meeting ID for good: notes, names and ratings, also from the old pages of the "
        "database file. Asks first.",
    ),
    "help.sessions.yes": (
        "Fråga inte (för skript).",
        "Do not ask (for scripts).",
    ),
    "help.sessions.team": (
        "Visa bara lagets möten.",
        "Show only the team's meetings.",
    ),
    "help.sessions.set_team": (
        'Ge mötet MÖTE till ett lag i efterhand (med --team LAG; --team "" tar bort laget).',
        'Give meeting MEETING to a team afterwards (with --team TEAM; --team "" removes it).',
    ),
    "err.set_team_needs_team": (
        '--set-team {id} behöver ett lag: lägg till --team "Åk 4–6" (eller --team "" '
        "för inget lag).",
        '--set-team {id} needs a team: add --team "Year 4–6" (or --team "" for no team).',
    ),
    "help.sessions.limit": (
        "Visa de N senaste mötena (förval 20, 0 visar alla).",
        "Show the N newest meetings (20 unless given, 0 shows all).",
    ),
    "help.sessions.protocol": (
        "Visa bara möten med protokollet ID.",
        "Show only meetings with protocol ID.",
    ),
    "help.export": (
        "Exportera ett möte (det senaste om inget id anges) som markdown, HTML, Excel, "
        "JSON eller CSV.",
        "Export a meeting (the latest unless an id is given) as markdown, HTML, Excel, "
        "JSON or CSV.",
    ),
    "help.export.session": (
        "Mötets id från `kollegial sessions`; utan id det senaste.",
        "The meeting's id from `kollegial sessions`; the latest without one.",
    ),
    "help.export.format": (
        "md (text för Word/Docs), html (utskrivbar sida), xlsx (Excel-bok), "
        "json (hela mötet, kan importeras) eller csv (värderingarna, för program).",
        "md (text for Word/Docs), html (printable page), xlsx (Excel workbook), "
        "json (the whole meeting, importable) or csv (the ratings, for tools).",
    ),
    "help.export.output": (
        "Skriv till FIL i stället för till skärmen (filen blir läsbar bara för dig).",
        "Write to FILE instead of the screen (the file is readable only by you).",
    ),
    "help.export.anonymize": (
        "Ersätt deltagarnas namn med Deltagare 1…N (i slumpad ordning), även i fokus, "
        "anteckningar och beslut, och ta bort vem som sa vad, vem som hade vilken roll och "
        "vem som satt i vilken grupp. Andra namn och beskrivningar av personer ändras inte: "
        "läs igenom filen innan du delar den.",
        "Replace the participants' names with Participant 1…N (in a random order), also in "
        "the focus, notes and decisions, and drop who said what, who held which role and who "
        "sat in which group. Other names and descriptions of people are not changed: read the "
        "file before you share it.",
    ),
    "help.export.keep_roles": (
        "Med --anonymize: visa ändå vilket nummer som hade vilken roll.",
        "With --anonymize: still show which number held which role.",
    ),
    "help.report": (
        "En rapport över ett lags möten över tid, för kvalitetsrapporten: värderingar, "
        "beslut och uppföljning, tid och antal (HTML att skriva ut, markdown eller Excel).",
        "A report on a team's meetings over time, for the quality report: ratings, decisions "
        "and follow-up, time and counts (HTML to print, markdown or Excel).",
    ),
    "help.report.team": ("Bara lagets möten.", "Only the team's meetings."),
    "help.report.from": (
        "Från och med datumet (ÅÅÅÅ-MM-DD).",
        "From this date on (YYYY-MM-DD).",
    ),
    "help.report.to": ("Till och med datumet (ÅÅÅÅ-MM-DD).", "Up to this date (YYYY-MM-DD)."),
    "help.report.format": (
        "html (utskrivbar sida, förval), md (text) eller xlsx (Excel-bok).",
        "html (printable page, the default), md (text) or xlsx (Excel workbook).",
    ),
    "help.report.anonymize": (
        "Inga namn på deltagare: bara antal, och namn i besluten ersatta med Deltagare N.",
        "No participants' names: counts only, and names in decisions replaced by Participant N.",
    ),
    "help.import": (
        "Importera ett möte från en JSON-export (t.ex. från en annan dator).",
        "Import a meeting from a JSON export (e.g. from another computer).",
    ),
    "help.import.file": (
        "JSON-filen från `kollegial export -f json`.",
        "The JSON file from `kollegial export -f json`.",
    ),
    "help.rescue": (
        "Rädda det som går ur en skadad databas, möte för möte, "
        "till JSON-filer som `kollegial import` tar in. Databasen ändras inte.",
        "Rescue what can be read from a damaged database, meeting by meeting, into JSON "
        "files for `kollegial import`. The database is not changed.",
    ),
    "help.rescue.db": (
        "Databasfilen att rädda ur (utan: kollegial.db i datamappen).",
        "The database file to rescue from (without: kollegial.db in the data folder).",
    ),
    "help.rescue.output": (
        "Mappen filerna skrivs i (ny; utan val kollegial-raddning-DATUM här).",
        "The folder to write the files in (new; kollegial-raddning-DATE here unless given).",
    ),
    # --- the meeting screen (TUI) ---
    "tui.step_of": ("Steg {n} av {m}", "Step {n} of {m}"),
    "tui.pass_of": ("{label} {k} av {n}", "{label} {k} of {n}"),
    "tui.pass_label.group": ("Hörn", "Corner"),
    "tui.forecast": ("slut ca {time}", "done about {time}"),
    "tui.state.running": ("kvar", "left"),
    "tui.state.last-minute": ("sista minuten", "last minute"),
    "tui.state.overtime": ("över tiden", "over time"),
    "tui.state.paused": ("PAUS", "PAUSED"),
    "tui.state.counting": ("har pågått", "elapsed"),
    "tui.speaking": ("TALAR NU", "SPEAKING"),
    "tui.next": ("Nästa: {names}", "Next: {names}"),
    "tui.next_none": ("Nästa: –", "Next: –"),
    "tui.lap": ("Varv {lap}", "Lap {lap}"),
    "tui.passed": ("stått över: {names}", "passed: {names}"),
    "tui.round_done": (
        "Alla har haft ordet. Tryck → för nästa steg.",
        "Everyone has had the word. Press → for the next step.",
    ),
    "tui.round_done.all-spoke": (
        "Alla har haft ordet. Tryck → för nästa steg.",
        "Everyone has spoken. Press → for the next step.",
    ),
    "tui.round_done.all-passed": (
        "Alla stod över i varv {lap}: rundan är slut. Tryck → för nästa steg.",
        "Everyone passed in lap {lap}: the round is over. Press → for the next step.",
    ),
    "tui.round_done.some-passed": (
        "Alla har haft sin tur, {n} stod över. Tryck → för nästa steg.",
        "Everyone has had their turn, {n} passed. Press → for the next step.",
    ),
    "tui.absent": ("frånvarande: {names}", "absent: {names}"),
    "tui.rated": ("{n} av {m} har värderat", "{n} of {m} have rated"),
    "tui.rate_hint": (
        "Tryck r för att mata in värderingar. Inga värden visas förrän steget är slut.",
        "Press r to enter ratings. No values are shown until the step ends.",
    ),
    "tui.appoint": ("Vem blir {role}?", "Who will be {role}?"),
    "tui.appointed": ("{role}: {name}", "{role}: {name}"),
    "tui.appoint_hint": (
        "Tryck siffran framför namnet (0: välj bland alla).",
        "Press the number before the name (0: choose from everyone).",
    ),
    "tui.notes_title": ("Anteckningar", "Notes"),
    "tui.notes_count_more": ("… och {n} tidigare", "… and {n} earlier"),
    "tui.note_placeholder": (
        "Skriv en anteckning – enter sparar, esc lämnar fältet",
        "Write a note – enter saves, esc leaves the field",
    ),
    "tui.decision_placeholder": (
        "Skriv det ni enas om – enter sparar, esc lämnar fältet",
        "Write what you agree on – enter saves, esc leaves the field",
    ),
    "tui.decision_none": ("Inget beslut skrivet än. Tryck i.", "No decision written yet. Press i."),
    "tui.ratings_title": ("Värderingar", "Ratings"),
    "tui.ratings_mean": ("medel", "mean"),
    "tui.ratings_spread": ("spridning", "spread"),
    "tui.ratings_start_here": ("◆ börja här", "◆ start here"),
    "tui.ratings_group_mean": ("Gruppens medel: {mean}", "Group mean: {mean}"),
    "tui.ratings_none": ("Inga värderingar inmatade.", "No ratings entered."),
    "tui.ratings_widest": ("Störst spridning: {text}", "Widest spread: {text}"),
    "tui.ratings_page": (
        "Sida {k} av {n} av värderingarna · b bläddra",
        "Page {k} of {n} of the ratings · b turns the page",
    ),
    "tui.saved_to": ("Sparat: {path}", "Saved {path}"),
    "tui.store_failed": (
        "Kunde inte spara: {error} Mötet fortsätter; allt sparas när det går igen.",
        "Could not save: {error} The meeting goes on; everything is saved once it works again.",
    ),
    "tui.store_lost": (
        "{error} Mötet fortsätter; när du avslutar sparas hela mötet i en fil i mappen du står "
        "i, som `kollegial import` tar in.",
        "{error} The meeting goes on; when you quit, the whole meeting is saved to a file in "
        "the current folder, for `kollegial import`.",
    ),
    "tui.store_recovered": ("Allt är sparat igen.", "Everything is saved again."),
    "tui.theme": ("Tema: {name}", "Theme: {name}"),
    "tui.footer.pause": ("space paus", "space pause"),
    "tui.footer.turns": ("n nästa talare · p stå över", "n next speaker · p pass"),
    "tui.footer.move": ("→ nästa steg · + minut", "→ next step · + minute"),
    "tui.footer.note": ("i anteckna", "i note"),
    "tui.footer.decide": ("i skriv beslutet", "i write the decision"),
    "tui.footer.help": ("? alla tangenter", "? all keys"),
    "tui.footer.page": ("b bläddra värderingar", "b page the ratings"),
    "tui.footer_short": ("? tangenter", "? keys"),
    "tui.footer.writing": (
        "Du skriver: bokstäverna blir text · enter sparar anteckningen · esc lämnar fältet",
        "Writing: letters become text · enter saves the note · esc leaves the field",
    ),
    "tui.footer.writing_short": (
        "Du skriver · enter sparar · esc lämnar fältet",
        "Writing · enter saves · esc leaves the field",
    ),
    "tui.footer.writing_decision": (
        "Du skriver: bokstäverna blir text · enter sparar beslutet · esc lämnar fältet",
        "Writing: letters become text · enter saves the decision · esc leaves the field",
    ),
    "tui.quit_title": ("Avsluta?", "Quit?"),
    "tui.quit_body": (
        "Mötet är sparat. Fortsätt senare med: kollegial resume {id}\n\n"
        "j / enter: avsluta   ·   n / esc: stanna kvar",
        "The meeting is saved. Continue later with: kollegial resume {id}\n\n"
        "y / enter: quit   ·   n / esc: stay",
    ),
    "tui.quit_body_ended": (
        "Mötet är avslutat och sparat. Exportera det senare med: kollegial export {id}\n\n"
        "j / enter: avsluta   ·   n / esc: stanna kvar",
        "The meeting is finished and saved. Export it later with: kollegial export {id}\n\n"
        "y / enter: quit   ·   n / esc: stay",
    ),
    "tui.quit_body_unsaved": (
        "Allt är inte sparat: det går inte att skriva i datamappen just nu. Avslutar du "
        "sparas hela mötet i en fil i mappen du står i, som `kollegial import` tar in.\n\n"
        "j / enter: avsluta   ·   n / esc: stanna kvar",
        "Not everything is saved: the data folder cannot be written right now. If you quit, "
        "the whole meeting is saved to a file in the current folder, for `kollegial import`.\n\n"
        "y / enter: quit   ·   n / esc: stay",
    ),
    "tui.quit_body_lost": (
        "Databasfilen ersattes eller togs bort under mötet, så mötet är inte sparat där. "
        "Avslutar du sparas hela mötet i en fil i mappen du står i, som `kollegial import` "
        "tar in.\n\n"
        "j / enter: avsluta   ·   n / esc: stanna kvar",
        "The database file was replaced or removed during the meeting, so the meeting is not "
        "saved there. If you quit, the whole meeting is saved to a file in the current folder, "
        "for `kollegial import`.\n\n"
        "y / enter: quit   ·   n / esc: stay",
    ),
    "err.rescued": (
        "Datamappen gick inte att skriva i, så hela mötet sparades i {path}. "
        "Ta in det med: kollegial import {path}",
        "The data folder could not be written, so the whole meeting was saved to {path}. "
        "Bring it back with: kollegial import {path}",
    ),
    "err.rescued_lost": (
        "Databasfilen ersattes eller togs bort medan mötet pågick (ett synkprogram, ett "
        "städskript?), så mötet gick inte att läsa tillbaka därifrån. Hela mötet sparades i "
        "{path}. Ta in det med: kollegial import {path}",
        "The database file was replaced or removed during the meeting (a sync client, a "
        "cleanup script?), so the meeting could not be read back from it. The whole meeting "
        "was saved to {path}. Bring it back with: kollegial import {path}",
    ),
    "tui.help_title": ("Tangenter", "Keys"),
    "tui.help_close": ("esc eller ? stänger", "esc or ? closes"),
    "key.space": ("paus / fortsätt", "pause / resume"),
    "key.n": ("nästa talare", "next speaker"),
    "key.p": ("stå över", "pass"),
    "key.next": ("nästa steg", "next step"),
    "key.prev": ("föregående steg", "previous step"),
    "key.plus": ("en minut till", "one minute more"),
    "key.minus": ("en minut mindre", "one minute less"),
    "key.i": (
        "skriv en anteckning (enter sparar, esc lämnar fältet)",
        "write a note (enter saves, esc leaves)",
    ),
    "key.appoint": (
        "utse en roll: personen med siffran / välj bland alla",
        "appoint a role: the person with that number / choose from everyone",
    ),
    "key.r": ("mata in värderingar", "enter ratings"),
    "key.a": ("deltagare: närvaro, lägg till", "participants: presence, add"),
    "key.e": ("exportera markdown nu", "export markdown now"),
    "key.t": ("nästa tema", "next theme"),
    "key.o": ("visa / dölj stegöversikten", "show / hide the outline"),
    "key.k": ("skriv eller ändra mötets fokus", "write or change the meeting's focus"),
    "key.b": ("bläddra i värderingarna", "page through the ratings"),
    "key.m": (
        "telefonsidan: QR-kod för att värdera och skriva från telefonen",
        "the phone page: a QR code to rate and write from phones",
    ),
    "tui.focus": ("Fokus: {text}", "Focus: {text}"),
    "tui.follow_up": (
        "Förra gången ({date}, {title}) enades ni om:",
        "Last time ({date}, {title}) you agreed on:",
    ),
    "tui.focus_title": ("Mötets fokus", "The meeting's focus"),
    "tui.focus_hint": ("enter sparar · esc avbryter", "enter saves · esc cancels"),
    "key.help": ("alla tangenter", "all keys"),
    "key.q": ("avsluta (mötet sparas)", "quit (the meeting is saved)"),
    "tui.rate_who": (
        "Vems värderingar skriver du in? (pil + enter)",
        "Who is entering? (arrows + enter)",
    ),
    "tui.rate_help": (
        "{min}–{max} sätter värdet och går vidare · 0 eller backsteg rensar · u ångra"
        " · v kontrollera värdena · enter klar",
        "{min}–{max} set the value and move on · 0 or backspace clears · u undo"
        " · v check the values · enter done",
    ),
    "tui.rate_reveal_warning": (
        "Värdena syns för alla på skärmen. Tryck v igen för att visa dem.",
        "The values will be seen by everyone on the screen. Press v again to show them.",
    ),
    "tui.rate_revealed": (
        "Värdena syns nu för alla. v döljer dem.",
        "The values are now seen by everyone. v hides them.",
    ),
    "tui.rate_for": ("Värderingar för {name}", "Ratings for {name}"),
    "tui.rate_progress": ("{n} av {m} ifyllda", "{n} of {m} filled in"),
    "tui.people_title": ("Deltagare", "Participants"),
    "tui.people_help": (
        "enter: närvarande / frånvarande · skriv ett namn nedan för att lägga till · esc stänger",
        "enter: present / absent · type a name below to add · esc closes",
    ),
    "tui.people_add": ("Ny deltagare (enter lägger till)", "New participant (enter adds)"),
    "tui.present": ("närvarande", "present"),
    "tui.away": ("frånvarande", "absent"),
    "tui.closing_title": ("Mötet är slut", "The meeting is over"),
    "tui.closing_time": (
        "Tid: {used} använt av {planned} planerat",
        "Time: {used} used of {planned} planned",
    ),
    "tui.closing_notes": ("{n} anteckningar", "{n} notes"),
    "tui.closing_decisions": ("Beslut", "Decisions"),
    "tui.closing_no_decisions": ("Inga beslut.", "No decisions."),
    "tui.closing_keys": (
        "e exportera · ← tillbaka till sista steget · q avsluta",
        "e export · ← back to the last step · q quit",
    ),
    "tui.col_step": ("Steg", "Step"),
    "tui.col_planned": ("Planerat", "Planned"),
    "tui.col_used": ("Använt", "Used"),
    "tui.skipped": ("hoppades över", "skipped"),
    # --- the meeting screen: present, exclude, subgroups, passes, optional steps ---
    "tui.pass_label.participant": ("Omgång", "Turn"),
    "tui.pass_of_person": ("{label} {k} av {n}: {name}", "{label} {k} of {n}: {name}"),
    "tui.presenting": ("{role}: {name}", "{role}: {name}"),
    "tui.presenter_none": (
        "Ingen är utsedd till {role}. Gå tillbaka (←) och utse någon.",
        "Nobody is appointed {role}. Go back (←) and appoint someone.",
    ),
    "tui.others_listen": ("De andra lyssnar under tystnad.", "The others listen in silence."),
    "tui.excluded": (
        "{name} ({role}) lyssnar och antecknar",
        "{name} ({role}) listens and takes notes",
    ),
    "tui.group_n": ("Grupp {n}", "Group {n}"),
    "tui.subgroups_clock": (
        "Alla grupper samtidigt, på samma klocka.",
        "All groups at once, on the same clock.",
    ),
    "tui.subgroups_none": ("Ingen är närvarande.", "Nobody is present."),
    "tui.optional": ("valfritt · h hoppar över", "optional · h skips it"),
    "tui.skip_title": ("Hoppa över steget?", "Skip this step?"),
    "tui.skip_body": (
        "”{title}” hoppas över och mötet går vidare till nästa steg. "
        "Exporten visar att steget hoppades över.\n\n"
        "j / enter: hoppa över   ·   n / esc: stanna kvar",
        "“{title}” is skipped and the meeting moves on to the next step. "
        "The export shows that the step was skipped.\n\n"
        "y / enter: skip   ·   n / esc: stay",
    ),
    "tui.skip_not_optional": (
        "Det här steget går inte att hoppa över: det är inte valfritt.",
        "This step cannot be skipped: it is not optional.",
    ),
    "tui.footer_skip": ("h hoppa över", "h skip"),
    "key.h": ("hoppa över ett valfritt steg (frågar först)", "skip an optional step (asks first)"),
    # --- export: markdown, json, csv ---
    "export.date": ("Datum", "Date"),
    "export.time": ("Tid", "Time"),
    "export.in_progress": ("pågår", "in progress"),
    "export.protocol": ("Protokoll", "Protocol"),
    "export.focus": ("Fokus", "Focus"),
    "export.duration": ("Tidsåtgång", "Duration"),
    "export.total": (
        "planerat {planned} min, använt {used} min",
        "planned {planned} min, used {used} min",
    ),
    "export.decisions": ("Beslut", "Decisions"),
    "export.decision": ("Beslut", "Decision"),
    "export.decision_at": ("steg {number}", "step {number}"),
    "export.roles": ("Roller", "Roles"),
    "export.not_appointed": ("ingen utsedd", "nobody appointed"),
    "export.role_withheld": ("utsedd (namnet visas inte)", "appointed (name not shown)"),
    "export.participants": ("Deltagare", "Participants"),
    "export.participant": ("Deltagare {number}", "Participant {number}"),
    "export.genitive": (":s", "’s"),
    "export.joined_late": ("kom senare", "joined late"),
    "export.absent_at_end": ("frånvarande vid slutet", "absent at the end"),
    "export.steps": ("Steg", "Steps"),
    "export.planned": ("planerat {minutes} min", "planned {minutes} min"),
    "export.no_plan": ("ingen planerad tid", "no planned time"),
    "export.used": ("använt {minutes} min", "used {minutes} min"),
    "export.adjusted": ("tiden ändrad med {minutes} min", "time changed by {minutes} min"),
    "export.skipped": ("hoppades över", "skipped"),
    "export.not_reached": ("ej nådd", "not yet reached"),
    "export.pass": ("Omgång", "Pass"),
    "export.pass_of": (
        "{label} {number} av {count}: {name}",
        "{label} {number} of {count}: {name}",
    ),
    "export.pass_of_anonymous": ("{label} {number} av {count}", "{label} {number} of {count}"),
    "export.subgroups": ("Grupper", "Groups"),
    "export.subgroup": ("Grupp {number}", "Group {number}"),
    "export.subgroup_size": ("{count} personer", "{count} people"),
    "export.ratings": ("Värderingar", "Ratings"),
    "export.scale": ("Skala {min}–{max}", "Scale {min}–{max}"),
    "export.spread_means": (
        "Spridningen är standardavvikelsen: ju högre, desto mer skiljer sig åsikterna.",
        "The spread is the standard deviation: the higher, the more views differ.",
    ),
    "export.col.number": ("Nr", "No."),
    "export.col.statement": ("Påstående", "Statement"),
    "export.col.n": ("Antal", "n"),
    "export.col.mean": ("Medel", "Mean"),
    "export.col.spread": ("Spridning", "Spread"),
    "export.group_mean": ("Gruppens medelvärde", "Group mean"),
    "export.by_spread": ("Där åsikterna skiljer sig mest", "Where views differ most"),
    "export.spread_item": (
        "Påstående {number} (spridning {spread}, medel {mean})",
        "Statement {number} (spread {spread}, mean {mean})",
    ),
    # --- export: Excel workbook (sheet names at most 31 characters) ---
    "xlsx.sheet.meeting": ("Möte", "Meeting"),
    "xlsx.sheet.steps": ("Steg", "Steps"),
    "xlsx.sheet.notes": ("Anteckningar", "Notes"),
    "xlsx.sheet.ratings": ("Värderingar", "Ratings"),
    "xlsx.sheet.summary": ("Sammanfattning", "Summary"),
    "xlsx.col.item": ("Uppgift", "Item"),
    "xlsx.col.value": ("Värde", "Value"),
    "xlsx.col.step": ("Steg", "Step"),
    "xlsx.col.step_title": ("Stegets namn", "Step title"),
    "xlsx.col.mode": ("Arbetssätt", "Mode"),
    "xlsx.col.planned": ("Planerat (min)", "Planned (min)"),
    "xlsx.col.used": ("Använt (min)", "Used (min)"),
    "xlsx.col.state": ("Status", "State"),
    "xlsx.col.column": ("Kolumn", "Column"),
    "xlsx.col.who": ("Vem", "Who"),
    "xlsx.col.text": ("Text", "Text"),
    "xlsx.col.time": ("Tid", "Time"),
    "xlsx.col.group": ("Grupp", "Group"),
    "xlsx.col.group_mean": ("Gruppens medel", "Group mean"),
    "xlsx.col.group_spread": ("Gruppens medelspridning", "Group mean spread"),
    "xlsx.title": ("Titel", "Title"),
    "xlsx.started": ("Start", "Start"),
    "xlsx.ended": ("Slut", "End"),
    "xlsx.planned": ("Planerat (min)", "Planned (min)"),
    "xlsx.used": ("Använt (min)", "Used (min)"),
    "xlsx.state.used": ("genomfört", "done"),
    # --- kollegial report: a team's meetings over time, for the quality report ---
    "report.title": ("Kollegialt lärande över tid", "Collegial learning over time"),
    "report.title_team": (
        "Kollegialt lärande över tid: {team}",
        "Collegial learning over time: {team}",
    ),
    "report.period": (
        "{first} – {last} · {meetings} möten",
        "{first} – {last} · {meetings} meetings",
    ),
    "report.empty": (
        "Inga möten att redovisa för det valda laget och den valda perioden.",
        "No meetings to report for the chosen team and period.",
    ),
    "report.anonymized": (
        "Avidentifierad: inga namn på deltagare, inte heller i besluten.",
        "Anonymized: no participants' names, not in the decisions either.",
    ),
    "report.term_spring": ("VT {year}", "Spring {year}"),
    "report.term_autumn": ("HT {year}", "Autumn {year}"),
    "report.ratings": ("Värderingar över tid: {title}", "Ratings over time: {title}"),
    "report.ratings_intro": (
        "Skala {min}–{max}. Medelvärde vid varje möte, spridningen (standardavvikelsen) under. "
        "Bara sammanställningar: ingen enskild persons värdering följs mellan möten.",
        "Scale {min}–{max}. The mean at each meeting, the spread (standard deviation) below. "
        "Summaries only: no single person's rating is followed between meetings.",
    ),
    "report.raters": ("{n} värderade", "{n} rated"),
    "report.col.change": ("Förändring", "Change"),
    "report.col.trend": ("Kurva", "Trend"),
    "report.corner_means": (
        "Hörnens medelvärden vid varje möte",
        "The corners' means at each meeting",
    ),
    "report.moved": ("Mest förändrat", "Moved most"),
    "report.rose": (
        "”{text}” steg från {first} till {last} ({first_day} → {last_day}).",
        "“{text}” rose from {first} to {last} ({first_day} → {last_day}).",
    ),
    "report.fell": (
        "”{text}” sjönk från {first} till {last} ({first_day} → {last_day}).",
        "“{text}” fell from {first} to {last} ({first_day} → {last_day}).",
    ),
    "report.none_moved": (
        "Inget påstående ändrades med en halv skalsteg eller mer.",
        "No statement changed by half a scale step or more.",
    ),
    "report.one_meeting": (
        "Bara ett värderat möte: förändringen syns först efter nästa.",
        "Only one rated meeting: change shows after the next one.",
    ),
    "report.decisions": ("Beslut och utvecklingsområden", "Decisions and development areas"),
    "report.col.date": ("Datum", "Date"),
    "report.col.meeting": ("Möte", "Meeting"),
    "report.col.decision": ("Beslut", "Decision"),
    "report.col.followed_up": ("Uppföljt", "Followed up"),
    "report.followed_up": ("ja, {date}", "yes, {date}"),
    "report.not_followed_up": ("inte än", "not yet"),
    "report.meeting_ref": ("{title} (nr {id})", "{title} (no. {id})"),
    "report.no_decisions": ("Inga beslut skrivna.", "No decisions written."),
    "report.timing": ("Planerad och använd tid", "Time planned and used"),
    "report.col.protocol": ("Protokoll", "Protocol"),
    "report.col.meetings": ("Möten", "Meetings"),
    "report.col.planned": ("Planerat (min, medel)", "Planned (min, mean)"),
    "report.col.used": ("Använt (min, medel)", "Used (min, mean)"),
    "report.col.fitting": ("Höll tiden", "Kept to time"),
    "report.fitting": ("{fitting} av {meetings}", "{fitting} of {meetings}"),
    "report.timing_note": (
        "Avslutade möten. Ett möte höll tiden om det tog högst en minut mer än planerat.",
        "Finished meetings. A meeting kept to time if it took at most a minute more than planned.",
    ),
    "report.counts": ("Antal möten per termin", "Meetings per term"),
    "report.col.total": ("Totalt", "Total"),
    "report.people": (
        "Deltagare: {people} olika personer, i snitt {mean} per möte.",
        "Participants: {people} different people, {mean} per meeting on average.",
    ),
    "report.attended": ("{name} ({count})", "{name} ({count})"),
    "report.attended_intro": (
        "Antal möten per deltagare:",
        "Meetings per participant:",
    ),
    "report.sheet.over_time": ("Över tid", "Over time"),
    "report.sheet.decisions": ("Beslut", "Decisions"),
    "report.sheet.timing": ("Tid", "Time"),
    "report.sheet.counts": ("Antal", "Counts"),
    "report.col.kind": ("Slag", "Kind"),
    "report.kind.corner": ("hörn", "corner"),
    "report.kind.statement": ("påstående", "statement"),
    "report.written": (
        "Rapporten sparad: {path} ({meetings} möten)",
        "Wrote the report: {path} ({meetings} meetings)",
    ),
    "report.unreadable": (
        "Möte {ids} gick inte att läsa och är inte med i rapporten. "
        "`kollegial rescue` räddar det som går ur {path}.",
        "Meeting {ids} could not be read and is not in the report. "
        "`kollegial rescue` saves what it can from {path}.",
    ),
    "err.bad_date": (
        "{option} {value!r} är inget datum. Skriv ÅÅÅÅ-MM-DD, t.ex. {option} 2026-08-01.",
        "{option} {value!r} is not a date. Write YYYY-MM-DD, e.g. {option} 2026-08-01.",
    ),
    "err.dates_reversed": (
        "--from {start} ligger efter --to {end}. Byt plats på dem.",
        "--from {start} is after --to {end}. Swap them.",
    ),
    # --- errors: importing a JSON export ---
    "err.import_too_big": (
        "filen är större än gränsen {limit} byte; ingen export är så stor",
        "the file is larger than the {limit}-byte limit; no export is that big",
    ),
    "err.import_not_json": (
        "Filen är inte giltig JSON (rad {line}, kolumn {column}). "
        "Välj en fil som skapats med `kollegial export -f json`.",
        "The file is not valid JSON (line {line}, column {column}). "
        "Choose a file made with `kollegial export -f json`.",
    ),
    "err.import_bad_json": (
        "Filen går inte att läsa som JSON: den är för djupt nästlad eller innehåller "
        "ogiltiga tal (NaN, Infinity) eller tecken.",
        "The file cannot be read as JSON: it is nested too deeply or holds invalid "
        "numbers (NaN, Infinity) or characters.",
    ),
    "err.import_not_export": (
        "Filen är JSON men ingen mötesexport från kollegial "
        '(`format` ska vara "kollegial-session", här: {found}).',
        "The file is JSON but not a meeting export from kollegial "
        '(`format` should be "kollegial-session", here: {found}).',
    ),
    "err.import_version": (
        "Exporten har versionen {found}, som inte finns. Den här kollegial läser version "
        "{supported}.",
        "The export has the version {found}, which does not exist. This kollegial reads "
        "version {supported}.",
    ),
    "err.import_version_newer": (
        "Exporten är gjord med en nyare kollegial (version {found}; den här läser {supported}). "
        "Uppdatera kollegial och försök igen.",
        "The export was made by a newer kollegial (version {found}; this one reads "
        "{supported}). Update kollegial and try again.",
    ),
    "err.import_part": (
        "Exporten har fel i {where}: {problem}.",
        "The export has an error in {where}: {problem}.",
    ),
    "err.import_missing": ("värdet saknas", "the value is missing"),
    "err.import_unknown_key": ("nyckeln är okänd", "the key is unknown"),
    "err.import_unknown_type": ("okänd händelsetyp {value}", "unknown event type {value}"),
    "err.import_bad_value": ("ogiltigt värde {value}", "invalid value {value}"),
    "err.import_too_large": (
        "värdet {value} är större än det högsta tillåtna, {bound}",
        "the value {value} is larger than the largest allowed, {bound}",
    ),
    "err.import_too_small": (
        "värdet {value} är mindre än det minsta tillåtna, {bound}",
        "the value {value} is smaller than the smallest allowed, {bound}",
    ),
    "err.import_protocol": (
        "Protokollet i exporten har fel: {problem}",
        "The protocol in the export has an error: {problem}",
    ),
    "err.import_event": (
        "Händelse {number} ({type}) i exporten stämmer inte: {problem}.",
        "Event {number} ({type}) in the export does not fit: {problem}.",
    ),
    "err.import_step_index": (
        "steg {number} finns inte, protokollet har {count} steg",
        "there is no step {number}, the protocol has {count} {count:step|steps}",
    ),
    "err.import_unknown_name": (
        "{name} har inte lagts till som deltagare",
        "{name} was never added as a participant",
    ),
    "err.import_duplicate_name": (
        "{name} läggs till som deltagare en gång till",
        "{name} is added as a participant a second time",
    ),
    "err.import_unknown_role": (
        "rollen {role} finns inte i protokollet",
        "the role {role} is not in the protocol",
    ),
    "err.import_unknown_column": (
        "kolumnen {column} finns inte i protokollet",
        "the column {column} is not in the protocol",
    ),
    "err.import_unknown_statement": (
        "påståendet {statement} finns inte i protokollet",
        "the statement {statement} is not in the protocol",
    ),
    "err.import_unknown_note": ("anteckning {id} finns inte", "there is no note {id}"),
    "err.import_duplicate_note": ("anteckning {id} finns redan", "note {id} already exists"),
    "err.import_rating_value": (
        "värdet {value} ligger utanför skalan {min}–{max}",
        "the value {value} is outside the scale {min}–{max}",
    ),
    "err.import_not_decision": (
        "steg {number} är inget beslutssteg",
        "step {number} is not a decision step",
    ),
    "err.import_not_rater_number": (
        "{rater} är inget nummer för en telefon i ett anonymt möte (#1, #2 …)",
        "{rater} is not a number for a phone in an anonymous meeting (#1, #2 …)",
    ),
    "err.import_replay": (
        "Händelseloggen i exporten går inte att spela upp (händelse {number}, {type}). "
        "Filen kan ha ändrats för hand.",
        "The event log in the export cannot be replayed (event {number}, {type}). "
        "The file may have been edited by hand.",
    ),
    "err.import_not_subgroups": (
        "steg {number} delar inte in i smågrupper",
        "step {number} does not split into small groups",
    ),
    "err.import_subgroup_twice": (
        "{name} står i mer än en smågrupp",
        "{name} is in more than one small group",
    ),
    "err.import_not_optional": (
        "steg {number} kan inte hoppas över (det är inte valfritt)",
        "step {number} cannot be skipped (it is not optional)",
    ),
    # --- run: the dialogue before a meeting ---
    "prompt.intro": ("Nytt möte: {title}", "New meeting: {title}"),
    "prompt.participant": ("Deltagare {n}:", "Participant {n}:"),
    "prompt.participant_hint": ("(tom rad när alla är med)", "(empty line when everyone is in)"),
    "prompt.need_more": (
        "Skriv minst {n} namn innan du går vidare.",
        "Enter at least {n} names before you go on.",
    ),
    "prompt.focus": ("Fokus för mötet:", "Focus of the meeting:"),
    "prompt.optional": ("(valfritt, enter hoppar över)", "(optional, enter skips)"),
    "prompt.start_now": ("Starta nu?", "Start now?"),
    "prompt.yes_no": ("(J/n)", "(Y/n)"),
    "prompt.no_yes": ("(j/N)", "(y/N)"),
    "prompt.yes": ("Ja", "Yes"),
    "prompt.no": ("Nej", "No"),
    "prompt.arrows": ("(välj med pilarna, enter väljer)", "(choose with the arrows, enter picks)"),
    "prompt.cancelled": ("Avbrutet. Inget möte startades.", "Cancelled. No meeting was started."),
    "run.saved": (
        "Mötet är sparat (id {id}). Fortsätt: kollegial resume {id} · Exportera: kollegial export {id}",
        "The meeting is saved (id {id}). Continue: kollegial resume {id} · Export: kollegial export {id}",
    ),
    "err.screen_crashed": (
        "Mötesskärmen stängdes av ett fel (se ovan). Allt som hann göras är sparat; "
        "fortsätt med: kollegial resume {id}",
        "The meeting screen closed on an error (see above). Everything done so far is "
        "saved; continue with: kollegial resume {id}",
    ),
    "run.not_started": ("Mötet startades inte.", "The meeting was not started."),
    "err.no_terminal": (
        'Ingen terminal att fråga i. Ange deltagarna med --participants "Anna,Bo,Cecilia" '
        "(eller prova med --demo).",
        'No terminal to ask in. Give the participants with --participants "Anna,Bo,Cecilia" '
        "(or try --demo).",
    ),
    "err.no_screen": (
        "Mötesskärmen behöver en terminal: kör kommandot direkt i ett terminalfönster, "
        "utan att styra om in- eller utdata.",
        "The meeting screen needs a terminal: run the command directly in a terminal "
        "window, without redirecting its input or output.",
    ),
    "err.bad_role_option": (
        "--role {value!r} förstås inte. Skriv roll=namn, t.ex. --role samtalsledare=Anna.",
        "--role {value!r} is not understood. Write role=name, e.g. --role samtalsledare=Anna.",
    ),
    "err.bad_theme": (
        "Temat {theme!r} finns inte. Välj dark, light eller projector.",
        "The theme {theme!r} does not exist. Choose dark, light or projector.",
    ),
    "err.bad_team": (
        'Lagets namn får vara högst {max} tecken, utan styrtecken. Skriv t.ex. --team "Åk 4–6".',
        "The team's name may be at most {max} characters, without control characters. "
        'Write e.g. --team "Year 4–6".',
    ),
    "help.run": (
        "Led ett möte på skärmen: tid, tur och anteckningar, steg för steg.",
        "Lead a meeting on screen: time, turns and notes, step by step.",
    ),
    "help.run.participants": (
        'Deltagarna, kommaseparerade: "Anna,Bo,Cecilia". Utan: du får frågor.',
        'The participants, comma-separated: "Anna,Bo,Cecilia". Without: you are asked.',
    ),
    "help.run.role": (
        "Utse en roll i förväg: roll=namn (kan upprepas).",
        "Appoint a role beforehand: role=name (repeatable).",
    ),
    "help.run.focus": (
        "Mötets fokus, t.ex. vad observationen gällde.",
        "The meeting's focus, e.g. what the observation was about.",
    ),
    "help.run.theme": (
        "Tema: dark, light eller projector (svart på vitt).",
        "Theme: dark, light or projector (black on white).",
    ),
    "help.run.quiet": (
        "Ingen ljudsignal vid sista minuten och när tiden är slut.",
        "No bell at the last minute and when time is up.",
    ),
    "help.run.demo": (
        "Prova med fyra påhittade deltagare.",
        "Try it with four made-up participants.",
    ),
    "help.resume": (
        "Fortsätt ett sparat möte där det slutade (det senaste om inget id anges).",
        "Continue a saved meeting where it stopped (the latest unless an id is given).",
    ),
    # --- errors: the session (names) ---
    "err.name_too_long": (
        "Namnet är för långt: högst {max} tecken.",
        "The name is too long: at most {max} characters.",
    ),
    # --- ratings files (kollegial rate, import in the TUI) ---
    "err.ratings_not_yaml": (
        "filen går inte att läsa som YAML: rad {line}, kolumn {column}: {problem}",
        "the file cannot be read as YAML: line {line}, column {column}: {problem}",
    ),
    "err.ratings_too_big": (
        "filen är större än {limit} byte; ingen värderingsfil är så stor.",
        "the file is larger than {limit} bytes; no ratings file is that big.",
    ),
    "err.ratings_not_ratings": (
        "det här är ingen värderingsfil från `kollegial rate`.",
        "this is not a ratings file from `kollegial rate`.",
    ),
    "err.ratings_version": (
        "filen har version {version}, som den här kollegial inte kan läsa. Uppdatera kollegial.",
        "the file has version {version}, which this kollegial cannot read. Update kollegial.",
    ),
    "err.ratings_no_name": ("filen saknar namn.", "the file has no name."),
    "err.ratings_empty": (
        "filen har inga värderingar (values är tomt); inget ändrades. Gör om den med "
        "`kollegial rate`.",
        "the file holds no ratings (values is empty); nothing was changed. Make it again with "
        "`kollegial rate`.",
    ),
    "err.ratings_values": (
        "värdena i filen är inte heltal per påstående.",
        "the values in the file are not whole numbers per statement.",
    ),
    "err.ratings_protocol": (
        "filen gäller protokollet {got}, inte {want}.",
        "the file is for the protocol {got}, not {want}.",
    ),
    "err.ratings_changed": (
        "påståendena har ändrats sedan filen gjordes. Be personen värdera igen.",
        "the statements have changed since the file was made. Ask the person to rate again.",
    ),
    "err.ratings_unknown_name": (
        "{name} är inte med i mötet. Lägg till personen (tangent a) eller rätta namnet i filen.",
        "{name} is not in the meeting. Add them (key a) or correct the name in the file.",
    ),
    "err.ratings_duplicate_name": (
        "flera filer har namnet {name}; ingen av dem importeras. Ta bort den som är fel.",
        "several files have the name {name}; none of them is imported. Remove the wrong one.",
    ),
    # --- kollegial rate ---
    "rate.name": ("Ditt namn:", "Your name:"),
    "rate.back": ("← tillbaka till förra påståendet", "← back to the previous statement"),
    "rate.instruction": ("(siffra eller pilar, enter väljer)", "(digit or arrows, enter chooses)"),
    "rate.summary": ("Värderingar för {name}:", "Ratings for {name}:"),
    "rate.confirm": ("Spara värderingarna?", "Save the ratings?"),
    "rate.save": ("Spara", "Save"),
    "rate.change": ("Gå tillbaka och ändra", "Go back and change"),
    "rate.cancel": ("Avbryt utan att spara", "Cancel without saving"),
    "rate.written": (
        "Sparat: {path}. Lämna filen till samtalsledaren (e-post, USB-minne, delad mapp).",
        "Saved {path}. Give the file to the leader (e-mail, USB stick, shared folder).",
    ),
    "err.no_terminal_rate": (
        "`kollegial rate` frågar i terminalen och behöver en terminal att fråga i.",
        "`kollegial rate` asks in the terminal and needs a terminal to ask in.",
    ),
    "err.no_statements": (
        "Protokollet {id} har inga påståenden att värdera.",
        "The protocol {id} has no statements to rate.",
    ),
    "help.rate": (
        "Värdera påståendena på din egen dator; ger en fil att lämna till samtalsledaren.",
        "Rate the statements on your own laptop; gives a file for the leader.",
    ),
    "help.rate.name": (
        "Ditt namn, som samtalsledaren har skrivit det.",
        "Your name, as the leader has written it.",
    ),
    "help.rate.output": (
        "Filen att skriva (annars NAMN-PROTOKOLL.ratings.yaml här).",
        "The file to write (otherwise NAME-PROTOCOL.ratings.yaml here).",
    ),
    # --- importing ratings files in the TUI ---
    "key.f": (
        "importera värderingsfiler (från kollegial rate)",
        "import ratings files (from kollegial rate)",
    ),
    "tui.import_title": ("Importera värderingar", "Import ratings"),
    "tui.import_help": (
        "En fil eller en mapp med .ratings.yaml-filer · enter importerar · esc stänger",
        "A file or a folder of .ratings.yaml files · enter imports · esc closes",
    ),
    "tui.import_none": ("Inga värderingsfiler hittades där.", "No ratings files found there."),
    "tui.import_done": ("Importerade {name} ({file})", "Imported {name} ({file})"),
    "tui.import_reading": ("Läser filerna …", "Reading the files …"),
    "tui.import_progress": ("Läst {read} av {total} filer …", "Read {read} of {total} files …"),
    "tui.import_more": ("… och {count} till.", "… and {count} more."),
    "tui.import_summary": (
        "{imported} filer importerade, {refused} gick inte att ta in:",
        "{imported} files imported, {refused} could not be taken in:",
    ),
    "tui.import_replaced": ("Ersatte värderingarna för {name}", "Replaced the ratings of {name}"),
    "tui.replace_title": ("{name} har redan värderat", "{name} has already rated"),
    "tui.replace_body": (
        "Filen {file} innehåller nya värderingar för {name}. Ersätta de som finns?\n\n"
        "j: ersätt   ·   n / esc: behåll de gamla",
        "The file {file} holds new ratings for {name}. Replace the ones there are?\n\n"
        "y: replace   ·   n / esc: keep the old ones",
    ),
    "err.ratings_dir": (
        "--ratings {path}: mappen finns inte. Skapa den först eller ange en annan.",
        "--ratings {path}: the folder does not exist. Create it first or give another.",
    ),
    "help.run.ratings": (
        "Mapp att bevaka under värderingssteget: filer från `kollegial rate` tas in direkt.",
        "Folder to watch during the rating step: files from `kollegial rate` are taken in at once.",
    ),
    # --- anonymous ratings ---
    "err.anonymous_rater": (
        "I ett anonymt möte sparas värderingar under nummer, aldrig under namn.",
        "In an anonymous meeting ratings are kept under numbers, never under names.",
    ),
    "tui.rate_new_rater": ("Ny värderare", "New rater"),
    "tui.rate_anonymous": (
        "Anonymt: värderingarna sparas utan namn.",
        "Anonymous: the ratings are kept without names.",
    ),
    "tui.rater": ("Värderare {n}", "Rater {n}"),
    "tui.import_already": (
        "{name} är redan importerad i det här mötet.",
        "{name} has already been imported in this meeting.",
    ),
    "help.run.anonymous": (
        "Spara värderingarna utan namn; exporterna visar då inga namn för värderingar.",
        "Keep the ratings without names; the exports then show no names for ratings.",
    ),
    "help.run.team": (
        'Lagets namn, t.ex. "Åk 4–6": mötet sparas under laget, första steget visar vad '
        'laget enades om förra gången, och laget blir förvalt här nästa gång (--team "" '
        "för inget lag).",
        'The team\'s name, e.g. "Year 4–6": the meeting is kept under the team, the first step '
        "shows what the team agreed last time, and the team is the default here next time "
        '(--team "" for none).',
    ),
    # --- the phone page (run --serve, key m) ---
    "help.run.serve": (
        "Låt rummet värdera och skriva från sina telefoner: en sida på det lokala nätverket (kräver kollegial\\[serve]).",
        "Let the room rate and write from their phones: a page on the local network (needs kollegial\\[serve]).",
    ),
    "help.run.host": (
        "Adressen sidan lyssnar på (standard: datorns adress på det lokala nätverket).",
        "The address the page listens on (default: the laptop's address on the local network).",
    ),
    "help.run.port": (
        "Porten sidan lyssnar på (standard 8765; 0: en ledig port).",
        "The port the page listens on (default 8765; 0: any free port).",
    ),
    "err.serve_options": (
        "--host och --port gäller telefonsidan: lägg till --serve.",
        "--host and --port are for the phone page: add --serve.",
    ),
    "err.serve_missing": (
        "Telefonsidan behöver tillägget: pip install 'kollegial[serve]'",
        "The phone page needs the extra: pip install 'kollegial[serve]'",
    ),
    "err.serve_no_network": (
        "Datorn verkar inte vara ansluten till något nätverk. Anslut den, eller ange --host.",
        "The laptop does not seem to be on a network. Connect it, or give --host.",
    ),
    "err.serve_failed": (
        "Telefonsidan kunde inte starta på {host}:{port}: {reason}. Mötet fortsätter; tryck m för att försöka med en annan port.",
        "The phone page could not start on {host}:{port}: {reason}. The meeting goes on; press m to try another port.",
    ),
    "err.phone_not_saved": (
        "Datorn kunde inte spara just nu. Dina svar finns kvar här: skicka igen om en stund.",
        "The laptop could not save just now. Your answers are still here: send again in a moment.",
    ),
    "err.phone_step_over": (
        "Steget är slut: värderingen tas inte emot längre. Följ mötet på väggen.",
        "The step is over: ratings are no longer taken. Follow the meeting on the wall.",
    ),
    "err.phone_wrong_protocol": (
        "Sidan hör till ett annat samtal. Skanna QR-koden på väggen igen.",
        "This page belongs to another conversation. Scan the QR code on the wall again.",
    ),
    "err.phone_bad_request": (
        "Sidan skickade något som inte gick att läsa. Ladda om sidan.",
        "The page sent something that could not be read. Reload the page.",
    ),
    "err.phone_no_notes": (
        "Det här steget tar inte emot anteckningar.",
        "This step takes no notes.",
    ),
    "err.phone_note_too_long": (
        "Anteckningen är för lång (högst {max} tecken).",
        "The note is too long (at most {max} characters).",
    ),
    "tui.phones_title": ("Anslut med telefonen", "Join from your phone"),
    "tui.phones_scan": (
        "Skanna koden eller skriv adressen. Samma nätverk som datorn behövs.",
        "Scan the code or type the address. The same network as the laptop is needed.",
    ),
    "tui.phones_address": (
        "Lyssnar på {host}, port {port}: bara det här nätverket når sidan.",
        "Listening on {host}, port {port}: only this network reaches the page.",
    ),
    "tui.phones_everywhere": (
        "OBS: lyssnar på alla datorns nätverk ({host}), inte bara det lokala.",
        "NB: listening on all the laptop's networks ({host}), not only the local one.",
    ),
    "tui.phones_keys": (
        "s: stäng telefonsidan · escape: tillbaka till mötet",
        "s: close the phone page · escape: back to the meeting",
    ),
    "tui.phones_stopped": ("Telefonsidan är stängd.", "The phone page is closed."),
    "tui.phones_line": ("Telefoner: {url}  (m: QR-kod)", "Phones: {url}  (m: QR code)"),
    "phone.pick_name": ("Vem är du?", "Who are you?"),
    "phone.you_are": ("Du är {name}.", "You are {name}."),
    "phone.not_me": ("Inte du?", "Not you?"),
    "phone.anonymous": (
        "Anonymt: dina värderingar sparas under ett nummer, utan namn.",
        "Anonymous: your ratings are kept under a number, without a name.",
    ),
    "phone.rate_intro": (
        "Välj ett värde från {min} till {max} för varje påstående. Ingen ser dina värden förrän steget är slut.",
        "Choose a value from {min} to {max} for each statement. Nobody sees your values until the step ends.",
    ),
    "phone.answered": ("{n} av {m} besvarade", "{n} of {m} answered"),
    "phone.review": ("Granska och skicka", "Review and send"),
    "phone.summary": ("Dina svar", "Your answers"),
    "phone.send": ("Skicka", "Send"),
    "phone.change": ("Ändra", "Change"),
    "phone.sent": (
        "Skickat. Du kan ändra dig tills steget är slut: ändra och skicka igen.",
        "Sent. You can change your mind until the step ends: change and send again.",
    ),
    "phone.follow": (
        "Följ mötet här. När det är dags att värdera eller skriva visas det på den här sidan.",
        "Follow the meeting here. When it is time to rate or write, it shows on this page.",
    ),
    "phone.ended": ("Mötet är avslutat", "The meeting has ended"),
    "phone.ended_text": ("Mötet är avslutat. Tack!", "The meeting has ended. Thank you!"),
    "phone.turn": ("Ordet: {name}", "Speaking: {name}"),
    "phone.write": ("Skriv en anteckning", "Write a note"),
    "phone.send_note": ("Skicka anteckningen", "Send the note"),
    "phone.note_sent": (
        "Anteckningen är med i mötets anteckningar.",
        "The note is in the meeting's notes.",
    ),
    "phone.failed": ("Det gick inte att skicka. Försök igen.", "Sending failed. Try again."),
    "phone.offline": (
        "Ingen kontakt med datorn. Är du på samma nätverk? Försök igen.",
        "No contact with the laptop. Are you on the same network? Try again.",
    ),
    "phone.reconnecting": ("återansluter …", "reconnecting …"),
    # --- kollegial sheet: the printable rating sheet ---
    "sheet.kind": ("Värderingsblad", "Rating sheet"),
    "sheet.name": ("Namn", "Name"),
    "sheet.instruction": (
        "Ringa in eller kryssa för ett värde från {min} till {max} för varje påstående.",
        "Circle or tick one value from {min} to {max} for each statement.",
    ),
    "sheet.legend": ("Skalan: {labels}.", "The scale: {labels}."),
    "sheet.col.number": ("Nr", "No."),
    "sheet.col.statement": ("Påstående", "Statement"),
    "sheet.written": (
        "Värderingsbladet är sparat: {path}.",
        "Wrote the rating sheet {path}.",
    ),
    "err.sheet_no_statements": (
        "Protokollet {id} har inga påståenden att värdera, så det blir inget värderingsblad. "
        "Påståendena skrivs under `groups:` i protokollfilen.",
        "The protocol {id} has no statements to rate, so there is no rating sheet to make. "
        "Statements are written under `groups:` in the protocol file.",
    ),
    "help.sheet": (
        "Skriv ett värderingsblad att skriva ut: protokollets påståenden med skalan att ringa in.",
        "Write a printable rating sheet: the protocol's statements with the scale to circle.",
    ),
    "help.sheet.format": (
        "md (att klistra in i ett dokument) eller html (att skriva ut från webbläsaren); "
        "utan val md, eller html när FIL slutar på .html eller .htm.",
        "md (to paste into a document) or html (to print from the browser); "
        "md unless chosen, or html when FILE ends in .html or .htm.",
    ),
    "help.sheet.output": (
        "Skriv till FIL i stället för till skärmen (filen blir läsbar bara för dig).",
        "Write to FILE instead of the screen (the file is readable only by you).",
    ),
    "err.session_damaged": (
        "Mötet {id} i databasen {path} är skadat och kan inte läsas ({reason}). "
        "De andra mötena går att läsa som vanligt; `kollegial rescue` räddar det som går.",
        "Meeting {id} in the database {path} is damaged and cannot be read ({reason}). "
        "The other meetings can be read as usual; `kollegial rescue` saves what can be read.",
    ),
    "err.row_not_utf8": (
        "en rad har text som inte är giltig UTF-8",
        "a row holds text that is not valid UTF-8",
    ),
    "sessions.damaged": (
        "Möte {ids} i databasen {path} ligger på skadade sidor och kunde inte läsas. De andra "
        "mötena listas ovan; `kollegial rescue` räddar det som går.",
        "Meeting {ids} in the database {path} lies on damaged pages and could not be read. The "
        "other meetings are listed above; `kollegial rescue` saves what can be read.",
    ),
    # --- errors: discovery and CLI ---
    "err.unknown_variant": (
        "Protokollet `{id}` har ingen variant som heter `{variant}`. Varianter: {known}.",
        "The protocol `{id}` has no variant called `{variant}`. Variants: {known}.",
    ),
    "err.no_variants": (
        "Protokollet `{id}` har inga varianter, så `--variant {variant}` går inte. "
        "Kör utan `--variant`.",
        "The protocol `{id}` has no variants, so `--variant {variant}` cannot be used. "
        "Run without `--variant`.",
    ),
    "err.bad_limit": (
        "`--limit` ska vara ett antal möten (t.ex. `--limit 50`, 0 för alla), inte {value!r}.",
        "`--limit` must be a number of meetings (e.g. `--limit 50`, 0 for all), not {value!r}.",
    ),
    "err.bad_participant_count": (
        "`--participants` ska vara ett antal deltagare, minst {minimum} (t.ex. "
        "`--participants 5`), inte {value!r}.",
        "`--participants` must be a number of participants, at least {minimum} (e.g. "
        "`--participants 5`), not {value!r}.",
    ),
    "err.protocol_not_found": (
        "Hittar inget protokoll med id `{id}`. Kör `kollegial list` för att se vilka som finns.",
        "No protocol with id `{id}`. Run `kollegial list` to see what there is.",
    ),
    "err.protocol_bad_ref": (
        "`{ref}` är varken en fil eller ett protokoll-id (små bokstäver a–z, siffror, "
        "bindestreck). Ange en sökväg till en .yaml-fil eller ett id från `kollegial list`.",
        "`{ref}` is neither a file nor a protocol id (lowercase a–z, digits, hyphens). "
        "Give a path to a .yaml file or an id from `kollegial list`.",
    ),
    "err.invalid_protocol": (
        "Protokollet {file} har fel och kan inte användas:",
        "The protocol {file} has errors and cannot be used:",
    ),
    "err.bad_lang": (
        "Språket {lang!r} finns inte. Välj sv eller en.",
        "The language {lang!r} is not available. Choose sv or en.",
    ),
    "err.unexpected": (
        "Ett oväntat fel inträffade: {error}. Allt som hann sparas finns kvar "
        "(`kollegial resume`); rapportera gärna felet.",
        "An unexpected error occurred: {error}. Everything saved so far is kept "
        "(`kollegial resume`); please report the error.",
    ),
    # --- CLI help ---
    "help.app": (
        "Strukturerade kollegiala samtal för lärarlag: protokoll, tid, tur och anteckningar.",
        "Structured collegial conversations for teacher teams: protocols, time, turns and notes.",
    ),
    "help.version": ("Visa versionen och avsluta.", "Show the version and exit."),
    "help.help": ("Visa den här hjälpen och avsluta.", "Show this help and exit."),
    "help.lang": ("Språk: sv eller en.", "Language: sv or en."),
    "help.install_completion": (
        "Installera tab-komplettering för ditt skal (bash, zsh, fish, PowerShell).",
        "Install tab completion for your shell (bash, zsh, fish, PowerShell).",
    ),
    "help.show_completion": (
        "Skriv ut skriptet för tab-komplettering i ditt skal, för att installera det själv.",
        "Print the tab completion script for your shell, to install it yourself.",
    ),
    "completion.installed": (
        "Tab-komplettering för {shell} är installerad i {path}. Den gäller i nya terminalfönster.",
        "Tab completion for {shell} is installed in {path}. It works in new terminal windows.",
    ),
    "err.completion_shell": (
        "Skalet {shell!r} stöds inte för tab-komplettering. Skal som stöds: {shells}.",
        "The shell {shell!r} is not supported for tab completion. Supported shells: {shells}.",
    ),
    # --- CLI help and usage errors: Typer's own words ---
    "cli.usage": ("Användning:", "Usage:"),
    "cli.options_metavar": ("[FLAGGOR]", "[OPTIONS]"),
    "cli.command_metavar": ("KOMMANDO [ARGUMENT]...", "COMMAND [ARGS]..."),
    "cli.panel.arguments": ("Argument", "Arguments"),
    "cli.panel.options": ("Flaggor", "Options"),
    "cli.panel.commands": ("Kommandon", "Commands"),
    "cli.default": ("[förval: {}]", "[default: {}]"),
    "cli.required": ("[måste anges]", "[required]"),
    "cli.try_help": ("Skriv '{command}' för hjälp.", "Try '{command}' for help."),
    "cli.error": ("Fel: {message}", "Error: {message}"),
    "cli.aborted": ("Avbrutet.", "Aborted."),
    "cli.err.no_such_command": ("Kommandot {name!r} finns inte.", "There is no command {name!r}."),
    "cli.err.no_such_option": ("Flaggan {name} finns inte.", "There is no option {name}."),
    "cli.err.did_you_mean": ("Menade du {names}?", "Did you mean {names}?"),
    "cli.err.missing_argument": ("{name} saknas.", "{name} is missing."),
    "cli.err.missing_option": ("Flaggan {name} måste anges.", "The option {name} is required."),
    "cli.err.needs_value": (
        "Flaggan {name} behöver ett värde efter sig.",
        "The option {name} needs a value after it.",
    ),
    "cli.err.no_value": ("Flaggan {name} tar inget värde.", "The option {name} takes no value."),
    "cli.err.bad_value": ("Ogiltigt värde för {name}.", "Invalid value for {name}."),
    "cli.err.bad_usage": (
        "Argumenten förstås inte. Se hjälpen nedan.",
        "The arguments are not understood. See the help.",
    ),
    "cli.err.extra_args": ("För många argument: {args}.", "Too many arguments: {args}."),
    # --- CLI metavars: the placeholders in help and usage lines ---
    "meta.protocol": ("ID|SÖKVÄG", "ID|PATH"),
    "meta.session": ("MÖTE", "MEETING"),
    "meta.id": ("ID", "ID"),
    "meta.name": ("NAMN", "NAME"),
    "meta.names": ("NAMN,NAMN", "NAME,NAME"),
    "meta.role": ("ROLL=NAMN", "ROLE=NAME"),
    "meta.text": ("TEXT", "TEXT"),
    "meta.team": ("LAG", "TEAM"),
    "meta.theme": ("TEMA", "THEME"),
    "meta.file": ("FIL", "FILE"),
    "meta.folder": ("MAPP", "FOLDER"),
    "meta.host": ("ADRESS", "ADDRESS"),
    "meta.port": ("PORT", "PORT"),
    "meta.database": ("DATABAS", "DATABASE"),
    "meta.paths": ("SÖKVÄG", "PATH"),
    "meta.time": ("TT:MM", "HH:MM"),
    "meta.date": ("ÅÅÅÅ-MM-DD", "YYYY-MM-DD"),
    "help.list": (
        "Lista alla protokoll som hittas, med tid och antal steg.",
        "List every protocol found, with time and number of steps.",
    ),
    "help.show": (
        "Visa ett protokoll steg för steg, som inför ett möte.",
        "Show a protocol step by step, as before a meeting.",
    ),
    "help.show.ref": (
        "Protokollets id (från `kollegial list`) eller sökväg till en .yaml-fil.",
        "The protocol's id (from `kollegial list`) or a path to a .yaml file.",
    ),
    "help.show.start": (
        "Starttid (TT:MM): visar klockslaget för varje steg.",
        "Start time (HH:MM): shows the clock time of each step.",
    ),
    "help.show.participants": (
        "Antal deltagare: räknar ut tiderna som beror på gruppens storlek.",
        "Number of participants: works out the times that depend on the group's size.",
    ),
    "help.variant": (
        "En namngiven tidsvariant av protokollet (se `kollegial show ID`).",
        "A named timing variant of the protocol (see `kollegial show ID`).",
    ),
    "help.validate": (
        "Kontrollera protokollfiler (filer eller mappar).",
        "Check protocol files (files or folders).",
    ),
    "help.validate.paths": ("Filer eller mappar att kontrollera.", "Files or folders to check."),
    "help.new": (
        "Börja på ett eget protokoll: en mall i din protokollmapp, med schemat bredvid för editorn.",
        "Start a protocol of your own: a template in your protocol folder, with the schema beside it for your editor.",
    ),
    "help.new.id": (
        "Protokollets id: små bokstäver a–z, siffror och bindestreck.",
        "The protocol's id: lowercase letters a–z, digits and hyphens.",
    ),
    "help.new.output": (
        "Skriv mallen till FIL i stället för till din protokollmapp.",
        "Write the template to FILE instead of your protocol folder.",
    ),
    "new.written": (
        "Skrev {path} och schemat {schema}. Öppna filen i en editor som förstår "
        "yaml-language-server (t.ex. VS Code med tillägget YAML) och kontrollera den med "
        "`kollegial validate {path}`.",
        "Wrote {path} and the schema {schema}. Open the file in an editor that understands "
        "yaml-language-server (e.g. VS Code with the YAML extension) and check it with "
        "`kollegial validate {path}`.",
    ),
    "err.new_exists": (
        "{path} finns redan och skrivs inte över. Välj ett annat id eller en annan fil med -o.",
        "{path} already exists and is not overwritten. Choose another id, or another file with -o.",
    ),
    "err.new_bad_id": (
        "Id:t `{id}` går inte: bara små bokstäver a–z, siffror och bindestreck, t.ex. `{hint}`.",
        "The id `{id}` cannot be used: only lowercase letters a–z, digits and hyphens, e.g. `{hint}`.",
    ),
    "new.template": (
        """title: Mitt protokoll
summary: >-
  Vad mötet är till för, i en eller två meningar.
language: sv
steps:
  - title: Inledning
    mode: info
    prompt: >-
      Samtalsledaren berättar vad mötet ska handla om och hur det går till.
  - title: Tänk själv
    mode: silent
    minutes: 2
    prompt: Skriv ner dina tankar om frågan.
  - title: Laget runt
    mode: round
    minutes: 10
    notes: true
    prompt: Var och en berättar, de andra lyssnar.
  - title: Samtal
    mode: discussion
    minutes: 15
    notes: true
  - title: Beslut
    mode: decision
    minutes: 5
    decision: Vi bestämmer att
""",
        """title: My protocol
summary: >-
  What the meeting is for, in a sentence or two.
language: en
steps:
  - title: Introduction
    mode: info
    prompt: >-
      The leader says what the meeting is about and how it goes.
  - title: Think on your own
    mode: silent
    minutes: 2
    prompt: Write down your thoughts on the question.
  - title: Round
    mode: round
    minutes: 10
    notes: true
    prompt: Each in turn speaks, the others listen.
  - title: Discussion
    mode: discussion
    minutes: 15
    notes: true
  - title: Decision
    mode: decision
    minutes: 5
    decision: We decide to
""",
    ),
    "help.schema": (
        "Skriv ut protokollformatets JSON-schema (för kodredigerare).",
        "Print the format's JSON Schema (for editors) to standard output.",
    ),
}


_current: Lang | None = None


def detect_language(environ: Mapping[str, str] | None = None) -> Lang:
    """Pick the interface language from the environment.

    ``KOLLEGIAL_LANG`` wins; otherwise the POSIX locale variables in their usual
    order of precedence. Anything that is not English falls back to Swedish.
    """
    env = os.environ if environ is None else environ
    explicit = env.get("KOLLEGIAL_LANG", "").strip().lower()
    if explicit in LANGUAGES:
        return explicit  # type: ignore[return-value]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "sv"
    return "sv"


def set_language(lang: Lang) -> None:
    """Set the language used by :func:`t` when none is given."""
    global _current
    _current = lang


def get_language() -> Lang:
    """The language in force: the one set, or the one the environment asks for."""
    return _current if _current is not None else detect_language()


def decimal(value: float | None, lang: Lang | None = None) -> str:
    """One decimal, halves rounded up, with a decimal comma in Swedish; a dash for no value."""
    if value is None:
        return "–"
    from kollegial.session.ratings import round_half_up  # the one rounding rule

    text = f"{round_half_up(value):.1f}"
    if text == "-0.0":
        text = "0.0"
    return text.replace(".", ",") if (lang or get_language()) == "sv" else text


def t(key: str, lang: Lang | None = None, /, **params: object) -> str:
    """Translate ``key`` into ``lang`` (default: the current language).

    A :class:`Msg` among ``params`` is translated into the same language first.
    Text parameters (titles, names, file names, reasons: often from a file or a
    person) have their control characters made visible, so no message can carry
    an escape sequence to the terminal.
    """
    sv, en = CATALOG[key]
    text = en if (lang or get_language()) == "en" else sv
    if not params:
        return text
    values = {k: _param(v, lang) for k, v in params.items()}
    if "|" in text:
        return _plurals().vformat(text, (), values)
    return text.format(**values)


_plural_formatter: Formatter | None = None


def _plurals() -> Formatter:
    """A formatter like str.format, but ``{count:one|other}`` says the word for the count:
    ``one`` when it is 1, ``other`` otherwise (Swedish and English need no more forms).

    Made on first use: the `string` module (and `re` under it) is not needed to start.
    """
    global _plural_formatter
    if _plural_formatter is None:
        from string import Formatter

        class Plural(Formatter):
            def format_field(self, value: object, format_spec: str) -> str:
                if "|" in format_spec:
                    one, other = format_spec.split("|", 1)
                    return one if value == 1 else other
                return str(super().format_field(value, format_spec))

        _plural_formatter = Plural()
    return _plural_formatter


def _param(value: object, lang: Lang | None) -> object:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, str | PurePath):
        return safe(str(value))
    return value


class Msg:
    """A catalog text used as a parameter of another, translated when that one is shown.

    Problems are found before anyone knows the language they will be shown in
    (``validate`` may print one file in Swedish, a test may ask for English), so
    a part such as *Did you mean ...?* is carried as a key, not as text.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def render(self, lang: Lang | None = None) -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.key, self.params) == (other.key, other.params)

    __hash__ = None  # type: ignore[assignment]  # params may be unhashable
