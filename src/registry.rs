//! The profiles a validation can use: the five built-in regulations, embedded and parsed on first
//! use, and any a portal loads at run time.

use std::sync::{Arc, OnceLock};

use serde_json::Value as Json;

use crate::model::{Application, Input};
use crate::profile::{self, compact, Profile, ProfileError};
use crate::report::Diagnostic;
use crate::{engine, Options, Report};

/// The built-in regulations by id, each compiled (`src/compiled/{id}.govit`, written by
/// `gov-it-check compile` from `src/profiles/{id}.json` through `pkg-scripts/compile-profiles.sh`).
macro_rules! builtin_profiles {
    ($($id:literal),* $(,)?) => {
        /// The ids of the built-in regulations, in order, whether or not this build embeds them
        /// (the package ships them as files too, and its `JurisdictionId` type lists them).
        pub const BUILTIN_JURISDICTIONS: &[&str] = &[$($id),*];

        /// The built-in regulations, compiled.
        #[cfg(feature = "builtin-profiles")]
        pub const BUILTIN_PROFILES: &[(&str, &[u8])] =
            &[$(($id, include_bytes!(concat!("compiled/", $id, ".govit")))),*];
    };
}

builtin_profiles!("tongzhou", "shexian", "tinghu", "jiangjin", "xiangcheng");

/// None: built without the `builtin-profiles` feature, profiles are loaded at run time.
#[cfg(not(feature = "builtin-profiles"))]
pub const BUILTIN_PROFILES: &[(&str, &[u8])] = &[];

/// The profiles a validation can use: the built-in ones and any loaded at run time. Entries are
/// shared, so a registry extended by a load holds the same profiles as the one it came from
/// rather than copies of them.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<Arc<Entry>>,
}

/// One jurisdiction of a registry. A built-in profile is decoded on first use, so that a page
/// validating against one regulation does not pay for decoding all five; a profile loaded at run
/// time is read and checked when it is loaded.
#[derive(Debug)]
struct Entry {
    id: String,
    source: Option<&'static [u8]>,
    profile: OnceLock<Option<Profile>>,
}

impl Entry {
    fn profile(&self) -> Option<&Profile> {
        self.profile
            .get_or_init(|| self.source.and_then(|bytes| compact::decode(bytes).ok()))
            .as_ref()
    }
}

impl Registry {
    /// The five built-in regulations. They are decoded on first use and not cross-checked at run
    /// time: the compiler checked them, and the test suite proves each compiled file is what
    /// compiling its JSON gives. One that failed to decode would be reported as unknown rather
    /// than stop the others.
    pub fn builtin() -> Registry {
        let entries = BUILTIN_PROFILES
            .iter()
            .map(|(id, bytes)| {
                Arc::new(Entry {
                    id: (*id).to_string(),
                    source: Some(bytes),
                    profile: OnceLock::new(),
                })
            })
            .collect();
        Registry { entries }
    }

    /// Adds (or replaces, by id) a profile from JSON; a bad profile is rejected whole.
    #[cfg(feature = "profile-json")]
    pub fn load(&mut self, json: &str) -> Result<&Profile, Vec<ProfileError>> {
        let profile = profile::load(json)?;
        self.insert(profile)
    }

    /// Adds (or replaces, by id) a compiled profile (`gov-it-check compile`); it is checked as a
    /// profile read from JSON is, and a bad one is rejected whole.
    pub fn load_compiled(&mut self, bytes: &[u8]) -> Result<&Profile, Vec<ProfileError>> {
        if bytes.len() > crate::limits::MAX_PROFILE_BYTES {
            return Err(vec![profile::too_large()]);
        }
        let profile = compact::decode(bytes).map_err(|e| {
            vec![ProfileError {
                path: String::new(),
                message: e.to_string(),
            }]
        })?;
        self.add(profile)
    }

    /// Adds (or replaces, by id) a profile read some other way; it is checked as one read from
    /// JSON is, and a bad one is rejected whole.
    ///
    /// ```
    /// use gov_it_rules::builtin;
    /// let mut registry = builtin().clone();
    /// let mut profile = registry.get("tongzhou").expect("built in").clone();
    /// profile.id = "tongzhou-copy".into();
    /// assert!(registry.add(profile.clone()).is_ok());
    /// assert!(registry.get("tongzhou-copy").is_some());
    /// profile.id = "no spaces".into();
    /// let errors = registry.add(profile).expect_err("an id with spaces");
    /// assert_eq!(errors[0].path, "id");
    /// assert!(registry.get("no spaces").is_none());
    /// ```
    pub fn add(&mut self, profile: Profile) -> Result<&Profile, Vec<ProfileError>> {
        let errors = profile::check(&profile);
        if !errors.is_empty() {
            return Err(errors);
        }
        self.insert(profile)
    }

    fn insert(&mut self, profile: Profile) -> Result<&Profile, Vec<ProfileError>> {
        self.entries.retain(|e| e.id != profile.id);
        let entry = Arc::new(Entry {
            id: profile.id.clone(),
            source: None,
            profile: OnceLock::from(Some(profile)),
        });
        self.entries.push(entry);
        self.entries
            .last()
            .and_then(|e| e.profile())
            .ok_or_else(Vec::new)
    }

    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.entries.iter().find(|e| e.id == id)?.profile()
    }

    /// Every profile, in order (parses any built-in one not parsed yet).
    pub fn profiles(&self) -> Vec<&Profile> {
        self.entries.iter().filter_map(|e| e.profile()).collect()
    }

    /// The ids of the jurisdictions, without parsing any profile.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.id.as_str())
    }

    /// Validates an application given as JSON text (a leading byte-order mark is ignored). A
    /// syntax error is reported as a diagnostic at the root with its line and column; text over a
    /// limit of [`crate::limits`] is refused before it is parsed, with one diagnostic that names
    /// the limit and where it was crossed.
    pub fn validate_str(&self, json: &str, options: &Options) -> Report {
        self.validate_read(crate::model::json_from_text(json), options)
    }

    /// Validates an application as read from its text: the value, or the one problem that kept
    /// it from being read, reported on an empty application.
    pub(crate) fn validate_read(
        &self,
        read: Result<Input, Diagnostic>,
        options: &Options,
    ) -> Report {
        match read {
            Ok(input) => self.validate_input(&input, options),
            Err(problem) => self.validate_parsed(&Application::default(), vec![problem], options),
        }
    }

    /// Validates an application given as a `serde_json::Value`.
    pub fn validate_value(&self, json: &Json, options: &Options) -> Report {
        self.validate_input(&Input::from_json(json), options)
    }

    /// Validates an application given as [`Input`], read from JSON text or from a value.
    pub fn validate_input(&self, input: &Input, options: &Options) -> Report {
        let mut input_problems = Vec::new();
        let app = Application::read(input, &mut input_problems);
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
