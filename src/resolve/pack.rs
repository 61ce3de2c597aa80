//! The pack itself: the fields of `pack.yaml`, its summary and its key
//! judgments (see the README, *pack.yaml*).

use crate::diagnostics::SourceFile;
use crate::load::locate::{Site, Step};
use crate::load::raw::{RawJudgment, RawPack};
use crate::model::{Citer, Confidence, KeyJudgment, Pack};

use super::cite::Resolver;
use super::fields::{date, require};

/// The pack, with the fields of `pack.yaml` (when it loaded) and nothing
/// else yet: articles, actors, events and citations are added at the end.
pub fn resolve(raw_pack: Option<&(SourceFile, RawPack)>, r: &mut Resolver<'_>) -> Pack {
    let mut pack = Pack {
        language: "en".to_string(),
        ..Pack::default()
    };
    if let Some((file, raw)) = raw_pack {
        require(&raw.title, "title", Site::whole(file), &mut r.diagnostics);
        pack.title = raw.title.trim().to_string();
        pack.subtitle = raw.subtitle.clone();
        pack.marking = raw.marking.clone();
        pack.author = raw.author.clone();
        pack.language = raw.language.clone().unwrap_or_else(|| "en".to_string());
        pack.base_url = raw.base_url.clone();
        pack.date = raw.date.as_ref().and_then(|d| {
            Some((
                d.trim().to_string(),
                date(d, Site::new(file, &[Step::Key("date")]), &mut r.diagnostics)?,
            ))
        });
        pack.summary = raw
            .summary
            .as_ref()
            .map(|s| r.rich(s, Site::new(file, &[Step::Key("summary")]), Citer::Pack));
        for (k, kj) in raw.key_judgments.iter().enumerate() {
            pack.key_judgments.push(key_judgment(file, k, kj, r));
        }
    }
    pack
}

/// Resolves key judgment `k` of `pack.yaml`.
fn key_judgment(
    file: &SourceFile,
    k: usize,
    kj: &RawJudgment,
    r: &mut Resolver<'_>,
) -> KeyJudgment {
    let path = [Step::Key("key_judgments"), Step::Index(k)];
    let text_path = [
        Step::Key("key_judgments"),
        Step::Index(k),
        Step::Key("text"),
    ];
    let confidence = kj.confidence.as_ref().and_then(|c| {
        let parsed = Confidence::parse(c.trim());
        if parsed.is_none() {
            let conf_path = [
                Step::Key("key_judgments"),
                Step::Index(k),
                Step::Key("confidence"),
            ];
            r.diagnostics.push(
                Site::new(file, &conf_path)
                    .error(format!("unknown confidence `{c}`"), Some(c))
                    .with_help("use low, moderate or high"),
            );
        }
        parsed
    });
    KeyJudgment {
        text: r.rich(&kj.text, Site::new(file, &text_path), Citer::Pack),
        confidence,
        cites: r.cite_list(&kj.cites, None, Site::new(file, &path), Citer::Pack),
    }
}
