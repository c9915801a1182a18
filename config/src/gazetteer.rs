//! The county's towns and villages.

use serde::Deserialize;

use crate::Result;

/// Towns (镇/乡/街道) and their villages (村/社区).
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// The county's name, e.g. 清河县.
    pub county: String,
    /// Other ways to write the county.
    pub county_aliases: Vec<String>,
    /// The towns, in file order.
    pub towns: Vec<Town>,
}

/// One town.
#[derive(Debug, Clone)]
pub struct Town {
    /// Official name with its suffix, e.g. 石桥镇.
    pub name: String,
    /// Other names: the short form (石桥) is added automatically.
    pub aliases: Vec<String>,
    /// Villages of the town.
    pub villages: Vec<Village>,
}

/// One village or community.
#[derive(Debug, Clone)]
pub struct Village {
    /// Current name, e.g. 杨庄村.
    pub name: String,
    /// Old or alternative names that resolve to this one (撤并村).
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    county: String,
    #[serde(default)]
    county_aliases: Vec<String>,
    #[serde(default)]
    town: Vec<TownFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TownFile {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    villages: Vec<VillageFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VillageFile {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// Strips a town suffix: 石桥镇 → 石桥. Names of one character keep it.
pub(crate) fn short_town(name: &str) -> Option<String> {
    for suffix in ["街道办事处", "街道", "镇", "乡"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            if stem.chars().count() >= 2 {
                return Some(stem.to_string());
            }
        }
    }
    None
}

pub(crate) fn parse(text: &str, what: &str) -> Result<Gazetteer> {
    let file: File = crate::parse_toml(text, what)?;
    let towns = file
        .town
        .into_iter()
        .map(|t| {
            let mut aliases = t.aliases;
            if let Some(short) = short_town(&t.name) {
                if !aliases.contains(&short) {
                    aliases.push(short);
                }
            }
            Town {
                name: t.name,
                aliases,
                villages: t
                    .villages
                    .into_iter()
                    .map(|v| Village {
                        name: v.name,
                        aliases: v.aliases,
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(Gazetteer {
        county: file.county,
        county_aliases: file.county_aliases,
        towns,
    })
}

impl Gazetteer {
    /// The town a village belongs to, by the village's current name.
    pub fn town_of_village(&self, village: &str) -> Option<&Town> {
        self.towns
            .iter()
            .find(|t| t.villages.iter().any(|v| v.name == village))
    }
}
