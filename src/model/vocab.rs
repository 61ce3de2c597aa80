//! The closed vocabularies of a pack, each defined once: actor kinds,
//! relation types, event statuses, confidence levels and source grades. A
//! word is written in the YAML as the enum's text (`armed-group`,
//! `member-of`), parsed by `resolve`, and shown by templates as that text.

use std::fmt;

/// Declares a vocabulary: an enum of `$variant`s written as `$text`, with
/// [`ALL`](ActorKind::ALL) in the order help messages list them,
/// `as_str`, `parse`, `Display`, and `Serialize` as the text.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every word, in the order messages list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word as written in a pack.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The word written `text`, if it is one.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Every word as written, for a message: `a, b, c`.
            pub fn listed() -> String {
                Self::words().join(", ")
            }

            /// Every word as written.
            pub fn words() -> Vec<&'static str> {
                Self::ALL.iter().map(|w| w.as_str()).collect()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What kind of actor an actor is.
    ActorKind {
        /// A person.
        Person = "person",
        /// A militia or other armed group.
        ArmedGroup = "armed-group",
        /// A coalition or umbrella of groups.
        Coalition = "coalition",
        /// A state.
        State = "state",
        /// A government or a body of officials.
        Government = "government",
        /// Military forces.
        Military = "military",
        /// Any other organisation.
        Organisation = "organisation",
        /// Anything else.
        Other = "other",
    }
}

impl Default for ActorKind {
    /// An actor whose kind is not given.
    fn default() -> ActorKind {
        ActorKind::Other
    }
}

impl ActorKind {
    /// The order pages list the kinds in.
    pub const LISTING: [ActorKind; 8] = [
        ActorKind::ArmedGroup,
        ActorKind::Coalition,
        ActorKind::State,
        ActorKind::Government,
        ActorKind::Military,
        ActorKind::Organisation,
        ActorKind::Person,
        ActorKind::Other,
    ];

    /// The heading of a list of actors of this kind.
    pub fn group_label(self) -> &'static str {
        match self {
            ActorKind::Person => "People",
            ActorKind::ArmedGroup => "Armed groups",
            ActorKind::Coalition => "Coalitions",
            ActorKind::State => "States",
            ActorKind::Government => "Governments and officials' bodies",
            ActorKind::Military => "Military forces",
            ActorKind::Organisation => "Organisations",
            ActorKind::Other => "Other",
        }
    }
}

vocabulary! {
    /// How one actor stands to another.
    RelationType {
        /// Is a member of.
        MemberOf = "member-of",
        /// Is part of.
        PartOf = "part-of",
        /// Leads.
        Leads = "leads",
        /// Speaks for.
        SpeaksFor = "speaks-for",
        /// Works for.
        WorksFor = "works-for",
        /// Backs.
        Backs = "backs",
        /// Is allied with.
        AlliedWith = "allied-with",
        /// Opposes.
        Opposes = "opposes",
    }
}

impl RelationType {
    /// The wording on each side: as written ("member of") and on the other
    /// actor's page ("has member").
    pub fn wording(self) -> (&'static str, &'static str) {
        match self {
            RelationType::MemberOf => ("member of", "has member"),
            RelationType::PartOf => ("part of", "includes"),
            RelationType::Leads => ("leads", "led by"),
            RelationType::SpeaksFor => ("speaks for", "spokesperson"),
            RelationType::WorksFor => ("works for", "employs"),
            RelationType::Backs => ("backs", "backed by"),
            RelationType::AlliedWith => ("allied with", "allied with"),
            RelationType::Opposes => ("opposes", "opposed by"),
        }
    }
}

vocabulary! {
    /// How far the sources establish an event.
    Status {
        /// Reported by a source.
        Reported = "reported",
        /// Claimed by a party to it.
        Claimed = "claimed",
        /// Accounts conflict.
        Disputed = "disputed",
        /// Confirmed by a party with standing to confirm it.
        Confirmed = "confirmed",
    }
}

vocabulary! {
    /// The confidence of a key judgment.
    Confidence {
        /// Low confidence.
        Low = "low",
        /// Moderate confidence.
        Moderate = "moderate",
        /// High confidence.
        High = "high",
    }
}

vocabulary! {
    /// A source's reliability on the Admiralty scale.
    Grade {
        /// Completely reliable.
        A = "A",
        /// Usually reliable.
        B = "B",
        /// Fairly reliable.
        C = "C",
        /// Not usually reliable.
        D = "D",
        /// Unreliable.
        E = "E",
        /// Reliability cannot be judged.
        F = "F",
    }
}

impl Status {
    /// What the status means, for a legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Reported => "reported by a source",
            Status::Claimed => "claimed by a party to it",
            Status::Disputed => "accounts conflict",
            Status::Confirmed => "confirmed by a party with standing to confirm it",
        }
    }
}

impl Grade {
    /// What the grade means.
    pub fn meaning(self) -> &'static str {
        match self {
            Grade::A => "completely reliable",
            Grade::B => "usually reliable",
            Grade::C => "fairly reliable",
            Grade::D => "not usually reliable",
            Grade::E => "unreliable",
            Grade::F => "reliability cannot be judged",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_parses_back() {
        for kind in ActorKind::ALL {
            assert_eq!(ActorKind::parse(kind.as_str()), Some(*kind));
        }
        for kind in ActorKind::LISTING {
            assert!(ActorKind::ALL.contains(&kind));
        }
        assert_eq!(ActorKind::LISTING.len(), ActorKind::ALL.len());
        for r in RelationType::ALL {
            assert_eq!(RelationType::parse(r.as_str()), Some(*r));
        }
        assert_eq!(Status::listed(), "reported, claimed, disputed, confirmed");
        assert_eq!(
            Grade::parse("B").map(Grade::meaning),
            Some("usually reliable")
        );
        assert_eq!(Confidence::parse("Moderate"), None);
    }
}
