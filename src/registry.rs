//! The profiles a validation can use: the five built-in regulations, embedded and parsed on first
//! use, and any a portal loads at run time.

use std::sync::{Arc, OnceLock};

use serde_json::Value as Json;

use crate::model::{Application, Input};
use crate::profile::{self, compact, Profile, ProfileError};
use crate::report::Diagnostic;
use crate::{engine, Options, Report};

/// The built-in regulations by id, each compiled (`src/compiled/{id}.govit`, written by
/// `gov-it-check compile --english-apart` from `src/profiles/{id}.json` through
/// `pkg-scripts/compile-profiles.sh`), with its English texts apart (`{id}.en.govit`).
macro_rules! builtin_profiles {
    ($($id:literal),* $(,)?) => {
        /// The ids of the built-in regulations, in order, whether or not this build embeds them
        /// (the package ships them as files too, and its `JurisdictionId` type lists them).
        pub const BUILTIN_JURISDICTIONS: &[&str] = &[$($id),*];

        /// The built-in regulations, compiled, their English texts apart.
        #[cfg(feature = "builtin-profiles")]
        pub const BUILTIN_PROFILES: &[(&str, &[u8])] =
            &[$(($id, include_bytes!(concat!("compiled/", $id, ".govit")))),*];

        /// The built-in regulations' English texts, in the order of [`BUILTIN_PROFILES`].
        #[cfg(all(feature = "builtin-profiles", feature = "builtin-english"))]
        pub const BUILTIN_ENGLISH: &[&[u8]] =
            &[$(include_bytes!(concat!("compiled/", $id, ".en.govit"))),*];
    };
}

builtin_profiles!("tongzhou", "shexian", "tinghu", "jiangjin", "xiangcheng");

/// None: built without the `builtin-profiles` feature, profiles are loaded at run time.
#[cfg(not(feature = "builtin-profiles"))]
pub const BUILTIN_PROFILES: &[(&str, &[u8])] = &[];

/// None: built without the `builtin-english` feature (the browser modules), the built-in
/// regulations' English texts are added at run time ([`Registry::add_english`]) or not at all.
#[cfg(not(all(feature = "builtin-profiles", feature = "builtin-english")))]
pub const BUILTIN_ENGLISH: &[&[u8]] = &[];

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
    /// A built-in profile's compiled bytes, and its English texts where the build embeds them.
    source: Option<&'static [u8]>,
    english: Option<&'static [u8]>,
    profile: OnceLock<Option<Profile>>,
}

impl Entry {
    fn profile(&self) -> Option<&Profile> {
        self.profile
            .get_or_init(|| {
                let bytes = self.source?;
                compact::decode_with_english(bytes, self.english).ok()
            })
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
            .enumerate()
            .map(|(i, (id, bytes))| {
                Arc::new(Entry {
                    id: (*id).to_string(),
                    source: Some(bytes),
                    english: BUILTIN_ENGLISH.get(i).copied(),
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
    /// profile read some other way is ([`Registry::add`]), and a bad one is rejected whole.
    pub fn load_compiled(&mut self, bytes: &[u8]) -> Result<&Profile, Vec<ProfileError>> {
        self.load_compiled_with_english(bytes, None)
    }

    /// Adds (or replaces, by id) a compiled profile with its English texts kept apart
    /// (`gov-it-check compile --english-apart`: `<id>.govit` and `<id>.en.govit`). Without them, a
    /// profile that keeps them apart answers in English with its Chinese texts.
    pub fn load_compiled_with_english(
        &mut self,
        bytes: &[u8],
        english: Option<&[u8]>,
    ) -> Result<&Profile, Vec<ProfileError>> {
        let size = bytes.len().saturating_add(english.map_or(0, <[u8]>::len));
        if size > crate::limits::MAX_PROFILE_BYTES {
            return Err(vec![profile::too_large()]);
        }
        let profile = compact::decode_with_english(bytes, english).map_err(decode_error)?;
        self.add(profile)
    }

    /// Gives a built-in regulation its English texts (`profiles/<id>.en.govit`), for a build that
    /// does not embed them (the browser modules): the profile is decoded again with them. A
    /// profile loaded at run time takes its English texts as it is loaded
    /// ([`Registry::load_compiled_with_english`]).
    pub fn add_english(&mut self, english: &[u8]) -> Result<&Profile, Vec<ProfileError>> {
        let id = compact::english_texts_of(english).map_err(decode_error)?;
        let (at, source) = self
            .entries
            .iter()
            .enumerate()
            .find_map(|(at, e)| Some((at, e.source?)).filter(|_| e.id == id))
            .ok_or_else(|| {
                whole_profile_error(format!(
                    "English texts of `{}`, which is not a built-in regulation of this build; give a profile loaded at run time its English texts as it is loaded",
                    crate::limits::clip_path(id)
                ))
            })?;
        let profile = compact::decode_with_english(source, Some(english)).map_err(decode_error)?;
        // In its place, its source kept: the order of `jurisdictions()` stays the regulations'.
        let entry = Arc::new(Entry {
            id: profile.id.clone(),
            source: Some(source),
            english: None,
            profile: OnceLock::from(Some(profile)),
        });
        let slot = self.entries.get_mut(at).ok_or_else(Vec::new)?;
        *slot = entry;
        slot.profile().ok_or_else(Vec::new)
    }

    /// Adds (or replaces, by id) a profile read some other way; it is checked as one read from
    /// JSON is, and a bad one is rejected whole. Without the `profile-check` feature (the browser
    /// modules) only its bounds are checked ([`profile::bounds`]): its cross-references are what
    /// `gov-it-check compile` checked.
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
        #[cfg(feature = "profile-check")]
        let errors = profile::check(&profile);
        #[cfg(not(feature = "profile-check"))]
        let errors = profile::bounds(&profile);
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
            english: None,
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

fn decode_error(error: compact::DecodeError) -> Vec<ProfileError> {
    whole_profile_error(error.to_string())
}

/// An error of the profile as a whole, at no path within it.
fn whole_profile_error(message: String) -> Vec<ProfileError> {
    vec![ProfileError {
        path: String::new(),
        message,
    }]
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
