//! The profiles a validation can use: the five built-in regulations, embedded and parsed on first
//! use, and any a portal loads at run time.

use serde_json::Value as Json;

use crate::codes::{Code, Severity};
use crate::model::Application;
use crate::profile::{self, Profile, ProfileError};
use crate::report::Diagnostic;
use crate::{engine, Options, Report};

/// A built-in profile by id: `profiles/{id}.json` without the whitespace between tokens (30 % of
/// the source), as `build.rs` writes it.
#[cfg(feature = "builtin-profiles")]
macro_rules! builtin_profile {
    ($id:literal) => {
        (
            $id,
            include_str!(concat!(env!("OUT_DIR"), "/", $id, ".json")),
        )
    };
}

/// The built-in regulations, as profile JSON.
#[cfg(feature = "builtin-profiles")]
pub const BUILTIN_PROFILES: &[(&str, &str)] = &[
    builtin_profile!("tongzhou"),
    builtin_profile!("shexian"),
    builtin_profile!("tinghu"),
    builtin_profile!("jiangjin"),
    builtin_profile!("xiangcheng"),
];

/// None: built without the `builtin-profiles` feature, profiles are loaded at run time.
#[cfg(not(feature = "builtin-profiles"))]
pub const BUILTIN_PROFILES: &[(&str, &str)] = &[];

/// The profiles a validation can use: the built-in ones and any loaded at run time.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<Entry>,
}

/// One jurisdiction of a registry. A built-in profile is parsed on first use, so that a page
/// validating against one regulation does not pay for parsing all five (about 55–110 KB of JSON
/// each); a profile loaded at run time is parsed and checked when it is loaded.
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    source: Option<&'static str>,
    profile: std::sync::OnceLock<Option<Profile>>,
}

impl Entry {
    fn profile(&self) -> Option<&Profile> {
        self.profile
            .get_or_init(|| self.source.and_then(|json| profile::parse(json).ok()))
            .as_ref()
    }
}

impl Registry {
    /// The five built-in regulations. They are parsed on first use and not cross-checked at run
    /// time: the test suite loads each through [`profile::load`] and proves it clean. One that
    /// failed to parse would be reported as unknown rather than stop the others.
    pub fn builtin() -> Registry {
        let entries = BUILTIN_PROFILES
            .iter()
            .map(|(id, json)| Entry {
                id: (*id).to_string(),
                source: Some(json),
                profile: std::sync::OnceLock::new(),
            })
            .collect();
        Registry { entries }
    }

    /// Adds (or replaces, by id) a profile from JSON; a bad profile is rejected whole.
    pub fn load(&mut self, json: &str) -> Result<&Profile, Vec<ProfileError>> {
        let profile = profile::load(json)?;
        self.entries.retain(|e| e.id != profile.id);
        self.entries.push(Entry {
            id: profile.id.clone(),
            source: None,
            profile: std::sync::OnceLock::from(Some(profile)),
        });
        self.entries
            .last()
            .and_then(Entry::profile)
            .ok_or_else(Vec::new)
    }

    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.entries.iter().find(|e| e.id == id)?.profile()
    }

    /// Every profile, in order (parses any built-in one not parsed yet).
    pub fn profiles(&self) -> Vec<&Profile> {
        self.entries.iter().filter_map(Entry::profile).collect()
    }

    /// The ids of the jurisdictions, without parsing any profile.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.id.as_str())
    }

    /// Validates an application given as JSON text. A syntax error is reported as a diagnostic
    /// at the root with its line and column.
    pub fn validate_str(&self, json: &str, options: &Options) -> Report {
        match serde_json::from_str::<Json>(json) {
            Ok(value) => self.validate_value(&value, options),
            Err(e) => {
                let mut d = Diagnostic::new(Code::WrongType, "")
                    .param("expected", "object".into())
                    .param(
                        "got",
                        format!("invalid JSON (line {}, column {})", e.line(), e.column()),
                    );
                d.severity = Severity::Error;
                self.validate_parsed(&Application::default(), vec![d], options)
            }
        }
    }

    pub fn validate_value(&self, json: &Json, options: &Options) -> Report {
        let mut input_problems = Vec::new();
        let app = Application::from_json(json, &mut input_problems);
        self.validate_parsed(&app, input_problems, options)
    }

    /// Validates an application already read, together with the problems found reading it.
    pub fn validate_parsed(
        &self,
        app: &Application,
        input_problems: Vec<Diagnostic>,
        options: &Options,
    ) -> Report {
        engine::validate(self, app, input_problems, options)
    }
}

static BUILTIN: std::sync::LazyLock<Registry> = std::sync::LazyLock::new(Registry::builtin);

/// The built-in registry, loaded once.
pub fn builtin() -> &'static Registry {
    &BUILTIN
}

/// Validates application JSON text against a built-in regulation.
pub fn validate_json(json: &str, options: &Options) -> Report {
    builtin().validate_str(json, options)
}
