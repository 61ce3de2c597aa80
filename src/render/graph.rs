//! The relation pictures (see the README, *Pictures*), drawn as SVG into
//! the page at build time, so they need no script, print, and work from
//! disk. Each is laid out here, by hand: neither has a shape a general
//! layout engine improves on, and both must come out the same on every
//! build.
//!
//! - [`ego`], on an actor's page: the actor in the middle, the actors it
//!   has relations with on the left, each joined by a labelled line whose
//!   arrow shows which way the relation runs, and the actors it shares the
//!   most events with on the right.
//! - [`network`], on the actors index: the actors that have relations on a
//!   ring, grouped by kind, each relation a chord styled by its type. Past
//!   [`MOST_IN_NETWORK`] actors, the most connected are drawn and the
//!   table lists the rest.
//!
//! Shapes and links are rows of `partials/graph-node.html`,
//! `partials/network-node.html`, `partials/graph-edge.html` and
//! `partials/graph-link.html`, inside `partials/graph.html`.

use serde::Serialize;

use super::fragments::{Fragments, RowTemplate};
use super::html::Html;
use super::refs::PageRefs;
use super::stencil::{Field, Row};
use crate::diagnostics::Diagnostic;
use crate::model::{ActorKind, Pack, RelationType, Target};

/// The picture's width, in its own units.
const WIDTH: f64 = 720.0;

/// At most this many actors on each side of an actor's picture; more are
/// counted in a last line.
pub const MOST_PER_SIDE: usize = 10;

/// At most this many actors in the network of the actors index.
pub const MOST_IN_NETWORK: usize = 60;

/// Names longer than this many characters are shortened in a picture (the
/// link over each node carries the whole name).
const LONGEST_NAME: usize = 26;

/// An actor drawn in a picture: a box (on an actor's page) or a dot with
/// its name beside it (in the network).
#[derive(Debug, Serialize)]
pub struct Node {
    /// The box's corner, or the dot's centre.
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Where its name is written, and turned by how many degrees.
    pub label_x: f64,
    pub label_y: f64,
    pub rotate: f64,
    /// `start` or `end`: which end of the name is at the label's point.
    pub anchor: &'static str,
    /// The name as drawn (shortened when long), and in full.
    pub name: String,
    pub full_name: String,
    pub href: String,
    /// The actor's kind (`armed-group`, …).
    pub kind: &'static str,
    /// True for the actor whose page it is.
    pub center: bool,
    /// Where its link lies over the picture, in percent of its width and
    /// height.
    pub link_left: f64,
    pub link_top: f64,
    pub link_width: f64,
    pub link_height: f64,
}

impl Row for Node {
    const FIELDS: &'static [&'static str] = &[
        "x",
        "y",
        "width",
        "height",
        "label_x",
        "label_y",
        "rotate",
        "anchor",
        "name",
        "full_name",
        "href",
        "kind",
        "center",
        "link_left",
        "link_top",
        "link_width",
        "link_height",
    ];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Decimal(self.x),
            1 => Field::Decimal(self.y),
            2 => Field::Decimal(self.width),
            3 => Field::Decimal(self.height),
            4 => Field::Decimal(self.label_x),
            5 => Field::Decimal(self.label_y),
            6 => Field::Decimal(self.rotate),
            7 => Field::Text(self.anchor),
            8 => Field::Text(&self.name),
            9 => Field::Text(&self.full_name),
            10 => Field::Text(&self.href),
            11 => Field::Text(self.kind),
            12 => Field::Flag(self.center),
            13 => Field::Decimal(self.link_left),
            14 => Field::Decimal(self.link_top),
            15 => Field::Decimal(self.link_width),
            _ => Field::Decimal(self.link_height),
        }
    }
}

/// A line between two actors.
#[derive(Debug, Serialize)]
pub struct Edge {
    /// The line's SVG path.
    pub d: String,
    /// The relation type (`backs`, …), `shared` for shared events, or
    /// `mixed` for relations of several types.
    pub kind: &'static str,
    /// What it says ("backed by", "3 events"), empty in the network.
    pub label: String,
    pub label_x: f64,
    pub label_y: f64,
    /// A short path beside the label that carries the arrows, empty when
    /// the line carries them itself.
    pub arrow: String,
    /// An arrow at the end of the arrow's path (or of the line).
    pub forward: bool,
    /// An arrow at its start too: the relation runs both ways.
    pub backward: bool,
}

impl Row for Edge {
    const FIELDS: &'static [&'static str] = &[
        "d", "kind", "label", "label_x", "label_y", "arrow", "forward", "backward",
    ];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Text(&self.d),
            1 => Field::Text(self.kind),
            2 => Field::Text(&self.label),
            3 => Field::Decimal(self.label_x),
            4 => Field::Decimal(self.label_y),
            5 => Field::Text(&self.arrow),
            6 => Field::Flag(self.forward),
            _ => Field::Flag(self.backward),
        }
    }
}

/// A line of text in a picture: a column's heading, or how many more
/// actors there are than it shows.
#[derive(Debug, Serialize)]
pub struct Caption {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// A relation picture as `partials/graph.html` draws it.
#[derive(Debug, Serialize)]
pub struct Graph {
    /// The picture's id, for its title and description.
    pub id: &'static str,
    /// `ego` (an actor's page) or `network` (the actors index).
    pub shape: &'static str,
    pub width: f64,
    pub height: f64,
    /// One line on what it shows, its `<title>`.
    pub title: String,
    /// Its `<desc>`.
    pub desc: String,
    /// The lines, each drawn by `partials/graph-edge.html`.
    pub edges: Html,
    /// The actors, each drawn by `partials/graph-node.html` or
    /// `partials/network-node.html`.
    pub nodes: Html,
    /// Their links, each drawn by `partials/graph-link.html`.
    pub links: Html,
    pub captions: Vec<Caption>,
    /// In the network: the kinds clockwise from the top, with how many
    /// actors of each it shows.
    pub kinds: Vec<KindCount>,
    /// In the network: how many actors it shows, and how many have
    /// relations.
    pub shown: usize,
    pub connected: usize,
}

/// A kind of actor and how many of it a picture shows.
#[derive(Debug, Serialize)]
pub struct KindCount {
    pub label: &'static str,
    pub count: usize,
}

/// `name`, shortened to [`LONGEST_NAME`] characters.
fn shown_name(name: &str) -> String {
    match name.char_indices().nth(LONGEST_NAME) {
        Some(_) => {
            let cut = name
                .char_indices()
                .nth(LONGEST_NAME - 1)
                .map_or(name.len(), |(at, _)| at);
            format!("{}…", name[..cut].trim_end())
        }
        None => name.to_string(),
    }
}

/// One decimal place, so that output is short and the same on every
/// machine.
fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `v` in percent of `of`, to two decimal places.
fn percent(v: f64, of: f64) -> f64 {
    (v / of * 10_000.0).round() / 100.0
}

/// How actor `i` stands to one other actor: the wordings of its relations
/// with it, in the order of its list, and which ways they run.
struct Tie {
    other: usize,
    wordings: Vec<&'static str>,
    kinds: Vec<RelationType>,
    outgoing: bool,
    incoming: bool,
}

/// Actor `i`'s relations, one tie per other actor, in the order of its
/// list.
fn ties(pack: &Pack, i: usize) -> Vec<Tie> {
    let mut ties: Vec<Tie> = Vec::new();
    for r in &pack.actors[i].relations {
        if r.other == i {
            continue;
        }
        let at = match ties.iter().position(|t| t.other == r.other) {
            Some(at) => at,
            None => {
                ties.push(Tie {
                    other: r.other,
                    wordings: Vec::new(),
                    kinds: Vec::new(),
                    outgoing: false,
                    incoming: false,
                });
                ties.len() - 1
            }
        };
        let tie = &mut ties[at];
        if !tie.wordings.contains(&r.wording) {
            tie.wordings.push(r.wording);
        }
        if !tie.kinds.contains(&r.kind) {
            tie.kinds.push(r.kind);
        }
        let (forward, backward) = r.kind.wording();
        if forward != backward {
            // a symmetric relation ("allied with") has no direction
            if r.wording == forward {
                tie.outgoing = true;
            } else {
                tie.incoming = true;
            }
        }
    }
    ties
}

/// The class of a line for relations of `kinds`.
fn edge_kind(kinds: &[RelationType]) -> &'static str {
    match kinds {
        [one] => one.as_str(),
        _ => "mixed",
    }
}

/// The actors other than `i` that share events with it, with how many,
/// most first (then in the pack's order), leaving out those in `except`.
fn sharing(pack: &Pack, i: usize, except: &[usize]) -> Vec<(usize, usize)> {
    let mut counts: Vec<usize> = vec![0; pack.actors.len()];
    for &(e, _) in &pack.actors[i].events {
        let mut seen: Vec<usize> = Vec::new();
        for &(other, _) in &pack.events[e].actors {
            if other != i && !seen.contains(&other) {
                seen.push(other);
                counts[other] += 1;
            }
        }
    }
    let mut shared: Vec<(usize, usize)> = counts
        .into_iter()
        .enumerate()
        .filter(|&(other, n)| n > 0 && !except.contains(&other))
        .collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    shared
}

/// The geometry of an actor's picture.
mod ego_layout {
    /// Where the first row starts, under the columns' headings.
    pub const TOP: f64 = 28.0;
    /// From one row to the next.
    pub const ROW: f64 = 30.0;
    /// A box's size.
    pub const BOX_W: f64 = 160.0;
    pub const BOX_H: f64 = 22.0;
    /// The box in the middle.
    pub const CENTER_X: f64 = 275.0;
    pub const CENTER_W: f64 = 170.0;
    pub const CENTER_H: f64 = 26.0;
    /// Where the lines of each side meet before they reach the middle.
    pub const LEFT_BUS: f64 = 258.0;
    pub const RIGHT_BUS: f64 = 462.0;
    /// Where the right column's boxes start.
    pub const RIGHT_X: f64 = 560.0;
}

/// Actor `j` as a box at `(x, y)`, `w` by `h`, in a picture `height`
/// tall, linking from the page of `refs`.
fn box_node(
    pack: &Pack,
    refs: &PageRefs<'_>,
    j: usize,
    (x, y, w, h): (f64, f64, f64, f64),
    center: bool,
    height: f64,
) -> Node {
    let other = &pack.actors[j];
    Node {
        x: round(x),
        y: round(y),
        width: w,
        height: h,
        label_x: round(x + w / 2.0),
        label_y: round(y + h / 2.0 + 4.0),
        rotate: 0.0,
        anchor: "middle",
        name: shown_name(&other.name),
        full_name: other.name.clone(),
        href: refs.href(Target::Actor(j)),
        kind: other.kind.as_str(),
        center,
        link_left: percent(x, WIDTH),
        link_top: percent(y, height),
        link_width: percent(w, WIDTH),
        link_height: percent(h, height),
    }
}

/// Actor `i`'s picture, its nodes linking from the page of `refs`; `None`
/// when it has neither relations nor shared events.
pub fn ego(
    pack: &Pack,
    i: usize,
    refs: &PageRefs<'_>,
    fragments: &Fragments,
) -> Result<Option<Graph>, Diagnostic> {
    use ego_layout::*;
    let ties = ties(pack, i);
    let related: Vec<usize> = ties.iter().map(|t| t.other).collect();
    let shared = sharing(pack, i, &related);
    if ties.is_empty() && shared.is_empty() {
        return Ok(None);
    }
    // each side: the actors drawn, and how many more there are
    let cut = |n: usize| match n > MOST_PER_SIDE {
        true => (MOST_PER_SIDE - 1, n - (MOST_PER_SIDE - 1)),
        false => (n, 0),
    };
    let (left_drawn, left_more) = cut(ties.len());
    let (right_drawn, right_more) = cut(shared.len());
    let rows = |drawn: usize, more: usize| drawn + usize::from(more > 0);
    let most_rows = rows(left_drawn, left_more)
        .max(rows(right_drawn, right_more))
        .max(1);
    let block = most_rows as f64 * ROW - (ROW - BOX_H);
    let height = round(TOP + most_rows as f64 * ROW + 4.0);
    let middle = round(TOP + block / 2.0);
    let row_top = |k: usize| TOP + k as f64 * ROW;
    let a = &pack.actors[i];

    let mut nodes: Vec<Node> = Vec::new();
    let mut edges: Vec<Edge> = Vec::new();
    let mut captions: Vec<Caption> = Vec::new();
    let node = |j: usize, x: f64, y: f64, w: f64, h: f64, center: bool| {
        box_node(pack, refs, j, (x, y, w, h), center, height)
    };
    nodes.push(node(
        i,
        CENTER_X,
        middle - CENTER_H / 2.0,
        CENTER_W,
        CENTER_H,
        true,
    ));
    if !ties.is_empty() {
        captions.push(Caption {
            x: BOX_W / 2.0,
            y: 14.0,
            text: "Relations".into(),
        });
    }
    for (k, tie) in ties.iter().take(left_drawn).enumerate() {
        let y = row_top(k);
        let mid = round(y + BOX_H / 2.0);
        nodes.push(node(tie.other, 0.0, y, BOX_W, BOX_H, false));
        // the arrow runs toward the actor the relation goes to
        let (from, to) = match (tie.outgoing, tie.incoming) {
            (true, false) => (LEFT_BUS - 8.0, BOX_W + 2.0),
            _ => (BOX_W + 2.0, LEFT_BUS - 8.0),
        };
        edges.push(Edge {
            d: format!("M{BOX_W} {mid}H{LEFT_BUS}V{middle}H{CENTER_X}"),
            kind: edge_kind(&tie.kinds),
            label: tie.wordings.join(", "),
            label_x: round((BOX_W + LEFT_BUS) / 2.0),
            label_y: round(mid - 4.0),
            arrow: format!("M{from} {mid}H{to}"),
            forward: tie.outgoing || tie.incoming,
            backward: tie.outgoing && tie.incoming,
        });
    }
    if left_more > 0 {
        captions.push(Caption {
            x: BOX_W / 2.0,
            y: round(row_top(left_drawn) + BOX_H / 2.0 + 4.0),
            text: format!("and {left_more} more, listed below"),
        });
    }
    let right_center = RIGHT_X + BOX_W / 2.0;
    if !shared.is_empty() {
        captions.push(Caption {
            x: right_center,
            y: 14.0,
            text: "Shares events with".into(),
        });
    }
    let center_right = CENTER_X + CENTER_W;
    for (k, &(other, count)) in shared.iter().take(right_drawn).enumerate() {
        let y = row_top(k);
        let mid = round(y + BOX_H / 2.0);
        nodes.push(node(other, RIGHT_X, y, BOX_W, BOX_H, false));
        edges.push(Edge {
            d: format!("M{RIGHT_X} {mid}H{RIGHT_BUS}V{middle}H{center_right}"),
            kind: "shared",
            label: match count {
                1 => "1 event".into(),
                n => format!("{n} events"),
            },
            label_x: round((RIGHT_X + RIGHT_BUS) / 2.0),
            label_y: round(mid - 4.0),
            arrow: String::new(),
            forward: false,
            backward: false,
        });
    }
    if right_more > 0 {
        captions.push(Caption {
            x: right_center,
            y: round(row_top(right_drawn) + BOX_H / 2.0 + 4.0),
            text: format!("and {right_more} more"),
        });
    }
    let desc = ego_desc(
        &a.name,
        a.relations.len(),
        ties.len(),
        right_drawn,
        shared.len(),
    );
    let (edges, nodes, links) = draw(
        fragments,
        &edges,
        &nodes,
        RowTemplate::GraphNode,
        &mut String::new(),
    )?;
    Ok(Some(Graph {
        id: "graph",
        shape: "ego",
        width: WIDTH,
        height,
        title: format!("Relations of {}", a.name),
        desc,
        edges,
        nodes,
        links,
        captions,
        kinds: Vec::new(),
        shown: 0,
        connected: 0,
    }))
}

/// What an actor's picture shows, in words: `relations` relations with
/// `related` actors, and `drawn` of the `sharing` actors it shares events
/// with.
fn ego_desc(name: &str, relations: usize, related: usize, drawn: usize, sharing: usize) -> String {
    let mut desc = match related {
        0 => format!("{name} has no relations in the pack."),
        n => format!(
            "{name} has {relations} relation{} with {n} actor{}, on the left, each line labelled with the relation and its arrow pointing to the actor it goes to.",
            if relations == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" },
        ),
    };
    if sharing > 0 {
        desc.push_str(&format!(
            " On the right, {drawn} of the {sharing} other actors it shares events with, the most first."
        ));
    }
    desc.push_str(" The lists below give each one.");
    desc
}

/// Draws `edges` and `nodes` (each node by `node_template`) and the nodes'
/// links.
fn draw(
    fragments: &Fragments,
    edges: &[Edge],
    nodes: &[Node],
    node_template: RowTemplate,
    scratch: &mut String,
) -> Result<(Html, Html, Html), Diagnostic> {
    scratch.clear();
    for e in edges {
        fragments.row(RowTemplate::GraphEdge, e, scratch)?;
    }
    let drawn_edges = Html(std::mem::take(scratch));
    let mut drawn_nodes = String::new();
    let mut links = String::new();
    for n in nodes {
        fragments.row(node_template, n, &mut drawn_nodes)?;
        fragments.row(RowTemplate::GraphLink, n, &mut links)?;
    }
    Ok((drawn_edges, Html(drawn_nodes), Html(links)))
}

/// The geometry of the network.
mod network_layout {
    /// The picture is square.
    pub const SIZE: f64 = 720.0;
    /// The ring's radius.
    pub const RADIUS: f64 = 200.0;
    /// How far inside the ring the chords end, so that their arrows show.
    pub const CHORD_END: f64 = 7.0;
    /// How far outside the ring the names start.
    pub const LABEL_GAP: f64 = 9.0;
    /// How far the chords bend toward the middle (0: straight, 1: through
    /// it).
    pub const BEND: f64 = 0.75;
    /// A dot's link, in units.
    pub const LINK: f64 = 14.0;
}

/// Where `angle` (radians, clockwise from the right) and `radius` fall in
/// the network, from its middle.
fn ring_point(angle: f64, radius: f64) -> (f64, f64) {
    let center = network_layout::SIZE / 2.0;
    (
        round(center + radius * angle.cos()),
        round(center + radius * angle.sin()),
    )
}

/// The network's lines: one per pair of related actors among `connected`
/// (at the angles `angle_of` gives), drawn from the actor the relations
/// start at.
fn chords(connected: &[usize], all_ties: &[Vec<Tie>], angle_of: &[Option<f64>]) -> Vec<Edge> {
    use network_layout::*;
    let center = SIZE / 2.0;
    let mut edges = Vec::new();
    for &i in connected {
        for tie in &all_ties[i] {
            let (Some(a1), Some(a2)) = (angle_of[i], angle_of[tie.other]) else {
                continue;
            };
            // each pair once: from the actor the relations start at, or
            // from the first of the two when they run both ways or none
            let drawn_here = match (tie.outgoing, tie.incoming) {
                (true, false) => true,
                (false, true) => false,
                _ => i < tie.other,
            };
            if !drawn_here {
                continue;
            }
            let (x1, y1) = ring_point(a1, RADIUS - CHORD_END);
            let (x2, y2) = ring_point(a2, RADIUS - CHORD_END);
            let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
            let (cx, cy) = (
                round(mx + (center - mx) * BEND),
                round(my + (center - my) * BEND),
            );
            edges.push(Edge {
                d: format!("M{x1} {y1}Q{cx} {cy} {x2} {y2}"),
                kind: edge_kind(&tie.kinds),
                label: String::new(),
                label_x: 0.0,
                label_y: 0.0,
                arrow: String::new(),
                forward: tie.outgoing || tie.incoming,
                backward: tie.outgoing && tie.incoming,
            });
        }
    }
    edges
}

/// The network of the pack's relations for the actors index, its nodes
/// linking from the page of `refs`; `None` when no actor has a relation.
pub fn network(
    pack: &Pack,
    refs: &PageRefs<'_>,
    fragments: &Fragments,
) -> Result<Option<Graph>, Diagnostic> {
    use network_layout::*;
    let all_ties: Vec<Vec<Tie>> = (0..pack.actors.len()).map(|i| ties(pack, i)).collect();
    let mut connected: Vec<usize> = (0..pack.actors.len())
        .filter(|&i| !all_ties[i].is_empty())
        .collect();
    if connected.is_empty() {
        return Ok(None);
    }
    let connected_count = connected.len();
    // the most connected, when there are too many to draw
    connected.sort_by(|&a, &b| all_ties[b].len().cmp(&all_ties[a].len()).then(a.cmp(&b)));
    connected.truncate(MOST_IN_NETWORK);
    // around the ring by kind, then by name
    let kind_rank = |k: ActorKind| ActorKind::LISTING.iter().position(|&x| x == k).unwrap_or(0);
    connected.sort_by(|&a, &b| {
        let (x, y) = (&pack.actors[a], &pack.actors[b]);
        kind_rank(x.kind)
            .cmp(&kind_rank(y.kind))
            .then_with(|| x.name.cmp(&y.name))
            .then(a.cmp(&b))
    });
    let mut kinds: Vec<KindCount> = Vec::new();
    for &i in &connected {
        let label = pack.actors[i].kind.group_label();
        match kinds.last_mut() {
            Some(k) if k.label == label => k.count += 1,
            _ => kinds.push(KindCount { label, count: 1 }),
        }
    }
    // a gap between kinds: slots for the actors and one per boundary
    let gaps = if kinds.len() > 1 { kinds.len() } else { 0 };
    let slots = (connected.len() + gaps).max(1) as f64;
    let mut angle_of: Vec<Option<f64>> = vec![None; pack.actors.len()];
    let mut slot = 0usize;
    let mut previous_kind = None;
    for &i in &connected {
        let kind = pack.actors[i].kind;
        if previous_kind.is_some_and(|k| k != kind) {
            slot += 1;
        }
        previous_kind = Some(kind);
        angle_of[i] =
            Some(-std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * slot as f64 / slots);
        slot += 1;
    }
    let mut nodes = Vec::with_capacity(connected.len());
    for &i in &connected {
        let Some(angle) = angle_of[i] else { continue };
        let (x, y) = ring_point(angle, RADIUS);
        let (label_x, label_y) = ring_point(angle, RADIUS + LABEL_GAP);
        let degrees = angle.to_degrees();
        // names on the left half read from the ring outward too
        let left = angle.cos() < -1e-9;
        let a = &pack.actors[i];
        nodes.push(Node {
            x,
            y,
            width: 0.0,
            height: 0.0,
            label_x,
            label_y,
            rotate: round(if left { degrees + 180.0 } else { degrees }),
            anchor: if left { "end" } else { "start" },
            name: shown_name(&a.name),
            full_name: a.name.clone(),
            href: refs.href(Target::Actor(i)),
            kind: a.kind.as_str(),
            center: false,
            link_left: percent(x - LINK / 2.0, SIZE),
            link_top: percent(y - LINK / 2.0, SIZE),
            link_width: percent(LINK, SIZE),
            link_height: percent(LINK, SIZE),
        });
    }
    let edges = chords(&connected, &all_ties, &angle_of);
    let shown = connected.len();
    let relations: usize = edges.len();
    let desc = format!(
        "{} actor{} on a ring, grouped by kind clockwise from the top, and {relations} line{} between them, one per pair of related actors, each styled by its relation and its arrow pointing to the actor it goes to.{}",
        shown,
        if shown == 1 { "" } else { "s" },
        if relations == 1 { "" } else { "s" },
        if shown < connected_count {
            format!(
                " They are the {shown} most connected of the {connected_count} actors with relations; the tables below list every actor."
            )
        } else {
            " The tables below list every actor.".to_string()
        }
    );
    let (edges, nodes, links) = draw(
        fragments,
        &edges,
        &nodes,
        RowTemplate::NetworkNode,
        &mut String::new(),
    )?;
    Ok(Some(Graph {
        id: "graph",
        shape: "network",
        width: SIZE,
        height: SIZE,
        title: "The actors' relations".into(),
        desc,
        edges,
        nodes,
        links,
        captions: Vec::new(),
        kinds,
        shown,
        connected: connected_count,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_shortened_whole_characters_at_a_time() {
        assert_eq!(shown_name("Iran"), "Iran");
        let exact: String = "x".repeat(LONGEST_NAME);
        assert_eq!(shown_name(&exact), exact);
        let long = "Islamic Resistance in Iraq’s coordination committee";
        let shown = shown_name(long);
        assert_eq!(shown.chars().count(), LONGEST_NAME);
        assert!(shown.ends_with('…'), "{shown}");
        assert!(long.starts_with(shown.trim_end_matches('…')), "{shown}");
    }
}
