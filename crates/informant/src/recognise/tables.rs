//! Teams and players in sports results, as news wire and local papers print them: one
//! match a line (`Aberdeen 2 Celtic 2`, `Kentucky 78, Tennessee 70`, `Palm Bay d.
//! Rockledge 70-44`), one fixture a line (`Hearts v Rangers`), one team a line of a
//! standings table or a line score (`Celtic 4 3 1 0 9 3 10`, `Rockledge 14 11 6 15 — 44`),
//! a team's record before its players' figures (`Rockledge (3-1): C. Martinez 1 goal.
//! D. Robbins 1 save.`).
//!
//! The players of such lists (a name, a figure and a stat word: `Osas Osaro 3 goals, 1
//! assist`, `Tolivert 25 points`) are Persons, in a document with two of them at least,
//! whatever the tagger or a place list read (`Armani Sheffield`, not `Sheffield`). So are
//! the batsmen, fielders and bowlers of a cricket scorecard (`M. Atherton c Inzamam-ul-Haq
//! b Mushtaq Ahmed 31`, `G. Thorpe not out 54`, `Bowling : Wasim Akram 12-2-40-1`), in a
//! document with two batting lines at least.
//!
//! The names in such lines are teams whether or not any list knows them, and CoNLL-style
//! news NER types a club as an Organisation and a national side by its country's name as
//! a Location. [`super::spans`]'s `teams_in_results` already makes teams of the towns a
//! recogniser found; this step covers the rest: names nothing found (`Hibernian`,
//! `Dunfermline`), surnames or tagger guesses (`Charlton` as a person), and places
//! inside a club's name (`Munich` of `Bayern Munich`).
//!
//! A line counts only when it holds nothing else, and only in a document with at least
//! two lines of its kind (a table, not a sentence that happens to hold two numbers).
//! Linear: one pass over the tokens to cut lines, a few token looks a line, a binary
//! search into the mentions a team.

use crate::document::{Document, EntityType, Mention, MentionKind, Token};
use crate::span::Span;

use super::spans::{names_in_place, token_text};

/// Confidence of a team found by its place in a table.
const TABLE_TEAM_CONFIDENCE: f32 = 0.7;

/// The longest name, in tokens, read as one team (`Queens Park Rangers`, `Paris St
/// Germain`).
const MAX_TEAM_TOKENS: usize = 5;

/// Lower-case words and marks a team's name may hold between two capitalised words
/// (`Atletico de Madrid`, `Brighton & Hove Albion`, `Nott'm Forest`, `St. Pauli`).
const CONNECTORS: &[&str] = &[
    "de", "del", "la", "le", "van", "von", "der", "den", "di", "da", "do", "du", "&", "'", "-", ".",
];

/// Words that join two teams in a fixture line.
const VERSUS: &[&str] = &["v", "vs", "vs.", "v."];

/// The least number of figures after a team in a standings line (played, won, drawn,
/// lost, for, against, points): fewer, and the line may be a player's (a golfer's
/// four rounds and total, a bowler's overs, maidens, runs and wickets).
const MIN_STANDINGS_FIGURES: usize = 6;

/// The United Kingdom's home nations: national sides, as countries are, though the
/// place table files them as regions.
const HOME_NATIONS: &[&str] = &["England", "Scotland", "Wales", "Northern Ireland"];

/// True when `m` is a country's name (or a home nation's): a national side in a table,
/// which stays a Location.
pub(crate) fn is_national(m: &Mention) -> bool {
    m.entity_type == EntityType::Location
        && (m.subtype.as_deref() == Some("country")
            || m.entry
                .as_deref()
                .is_some_and(|e| HOME_NATIONS.contains(&e.name.as_str())))
}

/// Words between a match's winner and its loser in a results line (`Palm Bay d.
/// Rockledge 70-44`, `Kentucky beat Tennessee 78-70`); `d` and `def` may take a full stop.
const RESULT_WORDS: &[&str] = &[
    "d", "def", "beat", "beats", "bt", "defeated", "defeats", "over",
];

/// Dashes between two figures of a score written apart (`70 – 44`) or before a line
/// score's total (`14 11 6 15 — 44`).
const DASHES: &[&str] = &["-", "–", "—"];

/// A player's figures in a results list, singular and plural (`Osaro 3 goals, 1
/// assist`, `Tolivert 25 points`).
const STATS: &[&str] = &[
    "point",
    "points",
    "goal",
    "goals",
    "assist",
    "assists",
    "save",
    "saves",
    "rebound",
    "rebounds",
    "steal",
    "steals",
    "block",
    "blocks",
    "tackle",
    "tackles",
    "sack",
    "sacks",
    "touchdown",
    "touchdowns",
    "interception",
    "interceptions",
    "yards",
    "reception",
    "receptions",
    "strikeouts",
    "hits",
    "rbi",
    "rbis",
    "kill",
    "kills",
    "ace",
    "aces",
    "dig",
    "digs",
    "wicket",
    "wickets",
    "runs",
];

/// The most words of a player's name in a results list (`Starven Saint Hilare`).
const MAX_PLAYER_TOKENS: usize = 4;

/// How many figures of one to three digits `w` holds, joined by dashes (`70-44`: 2,
/// `12-2-40-1`: 4); `None` when it is anything else.
fn dashed_figures(w: &str) -> Option<usize> {
    let mut n = 0;
    for p in w.split('-') {
        if !(1..=3).contains(&p.len()) || !p.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// What a table line says: the token ranges of its teams.
enum Line {
    /// A match or a fixture: two teams.
    Match([(usize, usize); 2]),
    /// A standings row or a line score: one team.
    Standing((usize, usize)),
    /// A team's record before its players' figures (`Rockledge (3-1): C. Martinez 1
    /// goal.`): the team, and the first token after the colon.
    Record((usize, usize), usize),
}

/// Tokens of one line and the document's text, with the tests a table line needs.
struct Looks<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl Looks<'_> {
    fn word(&self, i: usize) -> &str {
        token_text(self.text, self.tokens, i)
    }

    /// A score: one to three digits.
    fn score(&self, i: usize) -> bool {
        let w = self.word(i);
        (1..=3).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_digit())
    }

    /// A figure of a standings row: digits, with `.`, `/` or `-` (`.569`, `1/2`, `-`).
    fn figure(&self, i: usize) -> bool {
        let w = self.word(i);
        !w.is_empty()
            && w.len() <= 6
            && w.bytes()
                .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'/' | b'-'))
    }

    /// The end of a score written with a dash, starting at token `i`: one token of
    /// two or three figures (`70-44`, `1-0-2`) or a figure, a dash and a figure (`70 –
    /// 44`); `None` if none starts there.
    fn dash_score(&self, i: usize) -> Option<usize> {
        if dashed_figures(self.word(i)).is_some_and(|n| (2..=3).contains(&n)) {
            return Some(i + 1);
        }
        (self.score(i) && DASHES.contains(&self.word(i + 1)) && self.score(i + 2)).then_some(i + 3)
    }

    /// True when token `i` names a player's figure (`goals`, `points`).
    fn stat(&self, i: usize) -> bool {
        let w = self.word(i);
        w.len() <= 13 && STATS.iter().any(|s| w.eq_ignore_ascii_case(s))
    }

    /// The players' names in tokens `a..b` of a results line, each followed by its
    /// figures (`Osas Osaro 3 goals, 1 assist. Aden O'Hara 2 goals`): a name starts the
    /// line's part or follows `.`, `,`, `;`, `:` or `and`, is one to four capitalised
    /// words, and a figure and a stat word follow it.
    fn players(&self, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
        let mut p = a;
        while p < b {
            let starts = p == a || matches!(self.word(p - 1), "." | "," | ";" | ":" | "and");
            if let Some(q) = starts.then(|| self.player(p, b)).flatten() {
                if q + 1 < b && self.score(q) && self.stat(q + 1) {
                    out.push((p, q));
                    p = q + 2;
                    continue;
                }
            }
            p += 1;
        }
    }

    /// The end of a player's name starting at token `i` (before `end`): one to four
    /// capitalised words (`M. Atherton`, `Inzamam-ul-Haq`); `None` if none starts there.
    fn player(&self, i: usize, end: usize) -> Option<usize> {
        let mut j = i;
        while j < end && j - i < MAX_PLAYER_TOKENS && self.capital(j) {
            j += 1;
        }
        (j > i).then_some(j)
    }

    /// The players of a cricket scorecard's batting line `a..b` (`M. Atherton c Inzamam
    /// b Mushtaq Ahmed 31`, `G. Thorpe not out 54`, `A. Stewart lbw b Waqar Younis 44`):
    /// the batsman, the fielder and the bowler, if the line is one.
    fn batting(&self, a: usize, b: usize, out: &mut Vec<(usize, usize)>) -> bool {
        // the runs end the line
        if b < a + 3 || !self.score(b - 1) {
            return false;
        }
        let end = b - 1;
        let Some(j) = self.player(a, end) else {
            return false;
        };
        let w = |i: usize| if i < end { self.word(i) } else { "" };
        let mut found = vec![(a, j)];
        // the bowler after `b`, ending the line
        let bowled = |k: usize, found: &mut Vec<(usize, usize)>| -> bool {
            if w(k) != "b" {
                return false;
            }
            match self.player(k + 1, end) {
                Some(e) if e == end => {
                    found.push((k + 1, e));
                    true
                }
                _ => false,
            }
        };
        let ok = match w(j) {
            "not" | "run" => w(j + 1) == "out" && j + 2 == end,
            "b" => bowled(j, &mut found),
            "lbw" => bowled(j + 1, &mut found),
            "hit" => w(j + 1) == "wicket" && bowled(j + 2, &mut found),
            "c" | "st" if matches!(w(j + 1), "and" | "&") => bowled(j + 2, &mut found),
            "c" | "st" => match self.player(j + 1, end) {
                Some(e) => {
                    found.push((j + 1, e));
                    bowled(e, &mut found)
                }
                None => false,
            },
            _ => false,
        };
        if ok {
            out.extend(found);
        }
        ok
    }

    /// The bowlers of a bowling line `a..b` (`Bowling : Wasim Akram 12-2-40-1 , Waqar
    /// Younis 10-1-44-1`): names each before overs, maidens, runs and wickets.
    fn bowling(&self, a: usize, b: usize, out: &mut Vec<(usize, usize)>) -> bool {
        if !self.word(a).eq_ignore_ascii_case("bowling") || self.word(a + 1) != ":" {
            return false;
        }
        let figures = |i: usize| dashed_figures(self.word(i)) == Some(4);
        let mut p = a + 2;
        let mut any = false;
        while p < b {
            let Some(j) = self.player(p, b) else {
                break;
            };
            if !figures(j) {
                break;
            }
            out.push((p, j));
            any = true;
            p = j + 1;
            if self.word(p) == "," {
                p += 1;
            }
        }
        any
    }

    /// A capitalised word with no digit.
    fn capital(&self, i: usize) -> bool {
        let w = self.word(i);
        w.starts_with(char::is_uppercase) && !w.bytes().any(|c| c.is_ascii_digit())
    }

    /// The end of the team name starting at token `i` (before `end`): capitalised
    /// words, connectors only between two of them; `None` if none starts there.
    fn team(&self, i: usize, end: usize) -> Option<usize> {
        if i >= end || !self.capital(i) {
            return None;
        }
        let mut last = i + 1;
        let mut k = i + 1;
        while k < end && k - i < MAX_TEAM_TOKENS {
            if self.capital(k) {
                last = k + 1;
            } else if !CONNECTORS.contains(&self.word(k)) {
                break;
            }
            k += 1;
        }
        Some(last)
    }

    /// What the line of tokens `a..b` is, if a table's.
    fn line(&self, a: usize, b: usize) -> Option<Line> {
        // a match: team, score, team, score; a fixture: team, `v`, team
        if let Some(j) = self.team(a, b) {
            if j + 1 < b && self.score(j) {
                // `Aberdeen 2 Celtic 2`, or as American wire writes it, `Kentucky 78,
                // Tennessee 70`
                let l = if self.word(j + 1) == "," {
                    j + 2
                } else {
                    j + 1
                };
                if let Some(k) = self.team(l, b) {
                    if k + 1 == b && self.score(k) {
                        return Some(Line::Match([(a, j), (l, k)]));
                    }
                }
            } else if j + 1 < b && VERSUS.contains(&self.word(j)) {
                if let Some(k) = self.team(j + 1, b) {
                    if k == b {
                        return Some(Line::Match([(a, j), (j + 1, k)]));
                    }
                }
            } else if j + 1 < b && RESULT_WORDS.contains(&self.word(j)) {
                // a result: winner, `d.`, loser, score, and nothing else but more
                // scores or a note in brackets (`(OT)`)
                let mut l = j + 1;
                if self.word(l) == "." {
                    l += 1;
                }
                if let Some(k) = self.team(l, b) {
                    if let Some(e) = self.dash_score(k) {
                        if e == b || matches!(self.word(e), "(" | ",") {
                            return Some(Line::Match([(a, j), (l, k)]));
                        }
                    }
                }
            } else if self.word(j) == "(" {
                // a record: `Rockledge (3-1):`
                if let Some(e) = self.dash_score(j + 1) {
                    if self.word(e) == ")" && self.word(e + 1) == ":" {
                        return Some(Line::Record((a, j), e + 2));
                    }
                }
            }
            // a line score: `Rockledge 14 11 6 15 — 44`
            let mut k = j;
            while k < b && self.score(k) {
                k += 1;
            }
            if k - j >= 3 && k + 2 == b && DASHES.contains(&self.word(k)) && self.score(k + 1) {
                return Some(Line::Standing((a, j)));
            }
        }
        // a standings row: a rank (`1`, `1.`) may lead
        let mut s = a;
        if self.score(s) {
            s += 1;
            if self.word(s) == "." {
                s += 1;
            }
        }
        let j = self.team(s, b)?;
        ((j..b).len() >= MIN_STANDINGS_FIGURES && (j..b).all(|i| self.figure(i)))
            .then_some(Line::Standing((s, j)))
    }
}

/// The first token of every line (the first token, and each first after a line break),
/// ascending, then `tokens.len()`: line `k` is tokens `starts[k]..starts[k + 1]`. One
/// scan for line breaks and a binary search a line, not a look at every token.
pub(crate) fn line_starts(text: &str, tokens: &[Token]) -> Vec<usize> {
    let mut starts = vec![0];
    for p in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let i = tokens.partition_point(|t| t.span.start <= p);
        if i > *starts.last().unwrap_or(&0) && i < tokens.len() {
            starts.push(i);
        }
    }
    starts.push(tokens.len());
    starts
}

/// Makes Organisations of the clubs in a document's results, fixture and standings
/// lines (see the module's documentation). Mentions sorted in text order on entry and
/// on return.
pub(crate) fn teams_in_tables(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    if tokens.len() < 4 || !text.contains('\n') {
        return;
    }
    let looks = Looks { text, tokens };
    let (mut matches, mut standings, mut records) = (Vec::new(), Vec::new(), Vec::new());
    let mut players = Vec::new();
    let (mut batting, mut batting_lines) = (Vec::new(), 0);
    for line in line_starts(text, tokens).windows(2) {
        match looks.line(line[0], line[1]) {
            Some(Line::Match(teams)) => matches.extend(teams),
            Some(Line::Standing(team)) => standings.push(team),
            Some(Line::Record(team, after)) => {
                records.push(team);
                looks.players(after, line[1], &mut players);
            }
            None => {
                if looks.batting(line[0], line[1], &mut batting) {
                    batting_lines += 1;
                } else if !looks.bowling(line[0], line[1], &mut batting) {
                    looks.players(line[0], line[1], &mut players);
                }
            }
        }
    }
    // a scorecard: two batting lines at least; a tagger's mention over two of its
    // players (`A. Stewart b Waqar Younis` as one titled person) gives way to them
    if batting_lines >= 2 {
        let spans: Vec<Span> = batting
            .iter()
            .map(|&(i, j)| Span::new(tokens[i].span.start, tokens[j - 1].span.end))
            .collect();
        let over_players = |m: &Mention| {
            let k = spans.partition_point(|s| s.end <= m.span.start);
            m.recogniser == "tagger"
                && spans[k..]
                    .iter()
                    .take_while(|s| s.start < m.span.end)
                    .any(|s| !s.contains(m.span))
        };
        let gone: Vec<bool> = doc.mentions.iter().map(over_players).collect();
        super::spans::drop_marked(&mut doc.mentions, &gone);
        players.append(&mut batting);
    }
    // a table has two lines at least
    let mut teams: Vec<(usize, usize)> = Vec::new();
    if matches.len() >= 4 {
        teams.extend(matches);
    }
    if standings.len() >= 2 {
        teams.extend(standings);
    }
    if records.len() >= 2 {
        teams.extend(records);
    }
    // a list of players' figures, not one sentence that gives someone's points
    if players.len() < 2 {
        players.clear();
    }
    if teams.is_empty() && players.is_empty() {
        return;
    }
    teams.sort_unstable();
    let spans: Vec<Span> = teams
        .iter()
        .map(|&(i, j)| Span::new(tokens[i].span.start, tokens[j - 1].span.end))
        .collect();
    let found = spans
        .into_iter()
        .map(|span| {
            let mut team = Mention::new(
                span,
                EntityType::Organisation,
                TABLE_TEAM_CONFIDENCE,
                "rule",
            );
            team.kind = MentionKind::Name;
            team.subtype = Some("sports_club".to_owned());
            team
        })
        .collect();
    // a club or a national side already
    names_in_place(doc, found, |_, m| {
        is_national(m) || m.entity_type == EntityType::Organisation && m.kind == MentionKind::Name
    });
    if players.is_empty() {
        return;
    }
    // the players: not a team of the tables, nor a name a list knows as an organisation
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    let team_names: std::collections::HashSet<&str> = teams
        .iter()
        .map(|&(i, j)| &text[tokens[i].span.start..tokens[j - 1].span.end])
        .collect();
    let found: Vec<Mention> = players
        .iter()
        .map(|&(i, j)| Span::new(tokens[i].span.start, tokens[j - 1].span.end))
        .filter(|s| !team_names.contains(&text[s.range()]))
        .map(|span| {
            let mut player = Mention::new(span, EntityType::Person, TABLE_TEAM_CONFIDENCE, "rule");
            player.kind = MentionKind::Name;
            player
        })
        .collect();
    names_in_place(doc, found, |_, m| {
        is_national(m)
            || m.kind == MentionKind::Name
                && (m.entity_type == EntityType::Person
                    || m.entity_type == EntityType::Organisation && m.recogniser == "gazetteer")
    });
}

#[cfg(test)]
mod tests {
    use crate::recognise::{names_and_types as typed, types_of};

    #[test]
    fn every_club_of_a_results_table_is_an_organisation() {
        let text = "SOCCER - SCOTTISH PREMIER DIVISION RESULTS.\n\n\
                    GLASGOW 1996-08-31\n\n\
                    Results of Scottish premier division matches on Saturday:\n\n\
                    Aberdeen 2 Celtic 2\n\n\
                    Dunfermline 1, Rangers 2\n\n\
                    Motherwell 0 Hearts 0\n\n\
                    Kilmarnock 1 Bayern Munich 3\n\n\
                    England 2 Scotland 1\n";
        let found = typed(text);
        for club in [
            "Aberdeen",
            "Celtic",
            "Dunfermline",
            "Rangers",
            "Motherwell",
            "Hearts",
            "Kilmarnock",
            "Bayern Munich",
        ] {
            assert_eq!(
                types_of(&found, club),
                ["Organisation"],
                "{club}: {found:?}"
            );
        }
        // no place inside a club's name; national sides stay places; the dateline too
        assert!(types_of(&found, "Munich").is_empty(), "{found:?}");
        assert_eq!(types_of(&found, "England"), ["Location"], "{found:?}");
        assert_eq!(types_of(&found, "Scotland"), ["Location"], "{found:?}");
        assert_eq!(types_of(&found, "GLASGOW"), ["Location"], "{found:?}");
    }

    #[test]
    fn standings_rows_are_teams_and_a_players_line_is_not() {
        let text = "Standings (played, won, drawn, lost, for, against, points):\n\n\
                    Hibernian 4 3 1 0 9 4 10\n\n\
                    Dunfermline 4 2 2 0 7 3 8\n\n\
                    Leading scores:\n\n\
                    Colin Montgomerie 68 67 70 69 274\n\n\
                    Ian Woosnam 70 68 69 70 277\n";
        let found = typed(text);
        assert_eq!(types_of(&found, "Hibernian"), ["Organisation"], "{found:?}");
        assert_eq!(
            types_of(&found, "Dunfermline"),
            ["Organisation"],
            "{found:?}"
        );
        assert_eq!(
            types_of(&found, "Colin Montgomerie"),
            ["Person"],
            "{found:?}"
        );
    }

    #[test]
    fn results_records_line_scores_and_players_of_a_local_results_list() {
        let text = "GIRLS BASKETBALL\n\
                    Palm Bay d. Rockledge 70-44\n\
                    Rockledge 14 11 6 15 \u{2014} 44\n\
                    Palm Bay 18 22 13 17 \u{2014} 70\n\
                    Palm Bay (1-0): Tolivert 25 points. Bean-Laing 5 points.\n\
                    Rockledge (0-1): Blakely 15 points. Brown 4 points.\n\
                    Heritage d. Titusville 53-9\n\
                    Heritage (1-0): Armani Sheffield 19 points and 3 steals.\n\
                    BOYS SOCCER\n\
                    Melbourne (3-0): Osas Osaro 3 goals, 1 assist. Aden O'Hara 2 goals. C. Martinez 1 goal.\n";
        let found = typed(text);
        for team in ["Rockledge", "Heritage", "Titusville", "Melbourne"] {
            let types = types_of(&found, team);
            assert!(!types.is_empty(), "{team}: {found:?}");
            assert!(
                types.iter().all(|t| *t == "Organisation"),
                "{team}: {found:?}"
            );
        }
        for player in [
            "Tolivert",
            "Bean-Laing",
            "Blakely",
            "Brown",
            "Armani Sheffield",
            "Osas Osaro",
            "Aden O'Hara",
            "C. Martinez",
        ] {
            assert_eq!(types_of(&found, player), ["Person"], "{player}: {found:?}");
        }
        assert!(types_of(&found, "Sheffield").is_empty(), "{found:?}");
    }

    #[test]
    fn the_players_of_a_cricket_scorecard_are_persons() {
        let text = "England first innings\n\n\
                    M. Atherton c Inzamam-ul-Haq b Mushtaq Ahmed 31\n\n\
                    A. Stewart b Waqar Younis 44\n\n\
                    N. Hussain c Saeed Anwar b Wasim Akram 12\n\n\
                    J. Crawley lbw b Ata-ur-Rehman 19\n\n\
                    G. Thorpe not out 54\n\n\
                    Extras ( lb-4 nb-6 ) 10\n\n\
                    Bowling : Wasim Akram 12-2-40-1 , Aqib Javed 10-1-44-1\n";
        let found = typed(text);
        for player in [
            "M. Atherton",
            "Inzamam-ul-Haq",
            "Mushtaq Ahmed",
            "A. Stewart",
            "Waqar Younis",
            "N. Hussain",
            "Saeed Anwar",
            "Ata-ur-Rehman",
            "G. Thorpe",
            "Aqib Javed",
        ] {
            assert!(
                types_of(&found, player).contains(&"Person"),
                "{player}: {found:?}"
            );
        }
        assert!(types_of(&found, "Extras").is_empty(), "{found:?}");
    }

    #[test]
    fn one_sentence_with_a_players_points_is_no_list() {
        let found = typed("The Dow closed at 27,000.\nDow 30 points lower, said Smith.\n");
        assert!(
            types_of(&found, "Dow").iter().all(|t| *t != "Person"),
            "{found:?}"
        );
    }

    #[test]
    fn one_line_with_two_numbers_is_no_table() {
        let found = typed("Notes:\n\nApollo 11 Gemini 12\n\nThe crew came home.\n");
        assert!(
            !found
                .iter()
                .any(|(t, ty)| t == "Apollo" && *ty == "Organisation"),
            "{found:?}"
        );
    }
}
