//! Settings types and the embedded defaults that every other crate reads.
//!
//! The defaults live as data files in `config/defaults/` and are compiled into
//! the binary, so xinfang runs offline with no files beside it. A settings file
//! (`--config FILE`) overrides single keys and may point any dictionary at a
//! file of the county's own. Everything is parsed and validated once, here, into
//! plain structs; later stages never see raw TOML.

mod gazetteer;
mod ledger;
mod people;
mod settings;
mod topics;

use std::path::{Path, PathBuf};

pub use gazetteer::{Gazetteer, Town, Village};
pub use ledger::{LedgerColumns, LedgerField};
pub use people::{PeopleLexicon, TitleLevel, TitleSet};
pub use settings::{
    DataPaths, IndexSettings, IngestSettings, RepeatSettings, ServerSettings, Settings,
    TrendSettings,
};
pub use topics::{Taxonomy, Topic, TopicRule};

/// Errors raised while reading settings and dictionaries.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A file named by the settings could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not valid TOML of the expected shape.
    #[error("{what} is not valid: {message}")]
    Parse {
        /// Which file or default.
        what: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// Values parse but make no sense together.
    #[error("invalid setting: {0}")]
    Invalid(String),
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, ConfigError>;

/// Everything configurable, resolved and validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// Numeric and behavioural settings.
    pub settings: Settings,
    /// Towns and villages of the county.
    pub gazetteer: Gazetteer,
    /// Ledger header synonyms.
    pub ledger_columns: LedgerColumns,
    /// Query synonym groups (already folded only by the caller).
    pub synonyms: Vec<Vec<String>>,
    /// Topic rules.
    pub taxonomy: Taxonomy,
    /// Titles, surnames and anonymity markers.
    pub people: PeopleLexicon,
    /// jieba user dictionary lines (`word freq tag`).
    pub user_dict: String,
}

const DEFAULT_SETTINGS: &str = include_str!("../defaults/settings.toml");
const DEFAULT_GAZETTEER: &str = include_str!("../defaults/gazetteer.toml");
const DEFAULT_LEDGER: &str = include_str!("../defaults/ledger_columns.toml");
const DEFAULT_SYNONYMS: &str = include_str!("../defaults/synonyms.toml");
const DEFAULT_TOPICS: &str = include_str!("../defaults/topics.toml");
const DEFAULT_PEOPLE: &str = include_str!("../defaults/people.toml");
const DEFAULT_USERDICT: &str = include_str!("../defaults/userdict.txt");

impl Config {
    /// The built-in configuration. Fails only if the embedded files are broken,
    /// which a unit test rules out.
    pub fn defaults() -> Result<Config> {
        Self::build(settings::parse(DEFAULT_SETTINGS, "built-in settings")?, None)
    }

    /// Loads a settings file layered over the defaults, or the defaults alone.
    pub fn load(path: Option<&Path>) -> Result<Config> {
        match path {
            None => Self::defaults(),
            Some(p) => {
                let text = read(p)?;
                let base = settings::parse(DEFAULT_SETTINGS, "built-in settings")?;
                let settings = settings::overlay(base, &text, &p.display().to_string())?;
                Self::build(settings, p.parent())
            }
        }
    }

    fn build(settings: Settings, dir: Option<&Path>) -> Result<Config> {
        let data = settings.data.clone();
        let source = |p: &Option<String>, default: &'static str| -> Result<(String, String)> {
            match p {
                Some(rel) => {
                    let full = dir.map(|d| d.join(rel)).unwrap_or_else(|| PathBuf::from(rel));
                    Ok((read(&full)?, full.display().to_string()))
                }
                None => Ok((default.to_string(), "built-in".to_string())),
            }
        };
        let (g, gw) = source(&data.gazetteer, DEFAULT_GAZETTEER)?;
        let (l, lw) = source(&data.ledger_columns, DEFAULT_LEDGER)?;
        let (s, sw) = source(&data.synonyms, DEFAULT_SYNONYMS)?;
        let (t, tw) = source(&data.topics, DEFAULT_TOPICS)?;
        let (p, pw) = source(&data.people, DEFAULT_PEOPLE)?;
        let (u, _) = source(&data.userdict, DEFAULT_USERDICT)?;
        let config = Config {
            gazetteer: gazetteer::parse(&g, &format!("gazetteer ({gw})"))?,
            ledger_columns: ledger::parse(&l, &format!("ledger columns ({lw})"))?,
            synonyms: parse_synonyms(&s, &format!("synonyms ({sw})"))?,
            taxonomy: topics::parse(&t, &format!("topics ({tw})"))?,
            people: people::parse(&p, &format!("people lexicon ({pw})"))?,
            user_dict: u,
            settings,
        };
        config.settings.validate()?;
        Ok(config)
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })
}

pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| ConfigError::Parse {
        what: what.to_string(),
        message: e.to_string(),
    })
}

fn parse_synonyms(text: &str, what: &str) -> Result<Vec<Vec<String>>> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        groups: Vec<Vec<String>>,
    }
    let file: File = parse_toml(text, what)?;
    Ok(file.groups.into_iter().filter(|g| g.len() > 1).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_are_consistent() {
        let c = Config::defaults().expect("embedded defaults parse");
        assert!(c.gazetteer.towns.len() >= 8);
        assert!(c.taxonomy.topics.iter().any(|t| t.label == "换届选举"));
        assert_eq!(c.taxonomy.fallback, "其他");
        assert!(c.people.surnames_compound.contains(&"欧阳".to_string()));
        assert!(c.ledger_columns.field_for("被反映人") == Some(LedgerField::Accused));
        assert!(c.synonyms.iter().any(|g| g.contains(&"村支书".to_string())));
        assert_eq!(c.settings.server.bind, "127.0.0.1:8080");
    }

    #[test]
    fn settings_file_overrides_one_key_and_rejects_unknown_keys() {
        let dir = std::env::temp_dir().join(format!("xf-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let good = dir.join("good.toml");
        std::fs::write(&good, "version = 1\n[server]\nbind = \"127.0.0.1:9999\"\n").expect("write");
        let c = Config::load(Some(&good)).expect("loads");
        assert_eq!(c.settings.server.bind, "127.0.0.1:9999");
        assert_eq!(c.settings.server.max_page_size, 200, "other keys keep defaults");

        let bad = dir.join("bad.toml");
        std::fs::write(&bad, "version = 1\n[server]\nbnid = \"x\"\n").expect("write");
        let err = Config::load(Some(&bad)).expect_err("typo is an error");
        assert!(err.to_string().contains("bnid"), "{err}");

        let gaz = dir.join("gaz.toml");
        std::fs::write(&gaz, "county = \"某县\"\n[[town]]\nname = \"甲镇\"\nvillages = [{ name = \"乙村\" }]\n")
            .expect("write");
        let with = dir.join("with.toml");
        std::fs::write(&with, "version = 1\n[data]\ngazetteer = \"gaz.toml\"\n").expect("write");
        let c = Config::load(Some(&with)).expect("loads");
        assert_eq!(c.gazetteer.towns.len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
