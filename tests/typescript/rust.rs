//! The Rust side of the generator: the crate's own source, parsed with syn, so that each type's
//! TypeScript declaration follows its definition (its fields, serde's names and what serde leaves
//! out) and its doc comments.

use std::collections::BTreeMap;

use syn::{
    Attribute, Expr, ExprLit, Fields, GenericArgument, Item, Lit, Meta, PathArguments, Type,
};

/// The files whose types the package's types mirror.
const FILES: &[&str] = &[
    "src/lib.rs",
    "src/report.rs",
    "src/live.rs",
    "src/catalogue.rs",
    "src/codes.rs",
    "src/messages.rs",
    "src/options.rs",
    "src/labels.rs",
    "src/profile/mod.rs",
    "src/rules/budget_adjustment.rs",
];

/// The crate's top-level items by name.
pub struct Crate {
    items: BTreeMap<String, Item>,
}

/// A field as serde writes it.
pub struct Field {
    /// Its name in JSON.
    pub name: String,
    pub ty: Type,
    /// Left out when empty or `None` (`skip_serializing_if`).
    pub optional: bool,
    pub doc: String,
}

impl Crate {
    pub fn read() -> Crate {
        let mut items = BTreeMap::new();
        for file in FILES {
            let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            let parsed = syn::parse_file(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
            for item in parsed.items {
                let name = match &item {
                    Item::Struct(s) => s.ident.to_string(),
                    Item::Enum(e) => e.ident.to_string(),
                    Item::Type(t) => t.ident.to_string(),
                    _ => continue,
                };
                if items.insert(name.clone(), item).is_some() {
                    panic!("{name} is defined twice in {FILES:?}; name the one meant");
                }
            }
        }
        Crate { items }
    }

    fn item(&self, name: &str) -> &Item {
        self.items
            .get(name)
            .unwrap_or_else(|| panic!("no type {name} in {FILES:?}"))
    }

    /// A type's doc comment.
    pub fn doc(&self, name: &str) -> String {
        match self.item(name) {
            Item::Struct(s) => doc(&s.attrs),
            Item::Enum(e) => doc(&e.attrs),
            Item::Type(t) => doc(&t.attrs),
            _ => unreachable!(),
        }
    }

    /// A struct's type parameters (lifetimes left out).
    pub fn generics(&self, name: &str) -> Vec<String> {
        let Item::Struct(s) = self.item(name) else {
            panic!("{name} is not a struct");
        };
        s.generics
            .type_params()
            .map(|p| p.ident.to_string())
            .collect()
    }

    /// The default of each of a struct's type parameters, where it has one; none for a name that
    /// is not a struct of the crate.
    pub fn generic_defaults(&self, name: &str) -> Vec<Option<Type>> {
        match self.items.get(name) {
            Some(Item::Struct(s)) => s
                .generics
                .type_params()
                .map(|p| p.default.clone())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A struct's fields as serde writes them, in order; those serde skips left out.
    pub fn fields(&self, name: &str) -> Vec<Field> {
        let Item::Struct(s) = self.item(name) else {
            panic!("{name} is not a struct");
        };
        let rename_all = serde_value(&s.attrs, "rename_all");
        let Fields::Named(named) = &s.fields else {
            panic!("{name} has no named fields");
        };
        named
            .named
            .iter()
            .filter(|f| !serde_flag(&f.attrs, "skip"))
            .map(|f| {
                let rust = f.ident.as_ref().unwrap().to_string();
                let name = serde_value(&f.attrs, "rename")
                    .unwrap_or_else(|| rename(&rust, rename_all.as_deref()));
                Field {
                    name,
                    ty: f.ty.clone(),
                    optional: serde_value(&f.attrs, "skip_serializing_if").is_some(),
                    doc: doc(&f.attrs),
                }
            })
            .collect()
    }

    /// A field-less enum's values as serde writes them.
    pub fn variants(&self, name: &str) -> Vec<String> {
        let Item::Enum(e) = self.item(name) else {
            panic!("{name} is not an enum");
        };
        let rename_all = serde_value(&e.attrs, "rename_all");
        e.variants
            .iter()
            .map(|v| {
                assert!(v.fields.is_empty(), "{name}::{} has fields", v.ident);
                serde_value(&v.attrs, "rename")
                    .unwrap_or_else(|| rename(&v.ident.to_string(), rename_all.as_deref()))
            })
            .collect()
    }

    /// What a type alias stands for.
    pub fn alias(&self, name: &str) -> Option<&Type> {
        match self.items.get(name) {
            Some(Item::Type(t)) => Some(&t.ty),
            _ => None,
        }
    }
}

/// The doc comment of an item or field, its lines joined, paragraphs kept apart by a blank line.
fn doc(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    lines.join("\n").trim().to_string()
}

/// The value of `#[serde(key = "value")]`.
fn serde_value(attrs: &[Attribute], key: &str) -> Option<String> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.input.peek(syn::Token![=]) {
                let value: syn::LitStr = meta.value()?.parse()?;
                if meta.path.is_ident(key) {
                    found = Some(value.value());
                }
            }
            Ok(())
        })
        .unwrap();
    }
    found
}

/// Whether `#[serde(key)]` is there.
fn serde_flag(attrs: &[Attribute], key: &str) -> bool {
    let mut found = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.input.peek(syn::Token![=]) {
                let _: syn::LitStr = meta.value()?.parse()?;
            } else if meta.path.is_ident(key) {
                found = true;
            }
            Ok(())
        })
        .unwrap();
    }
    found
}

/// A Rust name as serde's `rename_all` writes it.
fn rename(rust: &str, rule: Option<&str>) -> String {
    match rule {
        None => rust.to_string(),
        Some("lowercase") => rust.to_lowercase(),
        Some("camelCase") if rust.contains('_') || rust.starts_with(char::is_lowercase) => {
            let mut out = String::new();
            for (i, part) in rust.split('_').enumerate() {
                let mut chars = part.chars();
                match chars.next() {
                    Some(c) if i > 0 => out.extend(c.to_uppercase().chain(chars)),
                    Some(c) => out.extend(std::iter::once(c).chain(chars)),
                    None => {}
                }
            }
            out
        }
        // A variant: PascalCase to camelCase.
        Some("camelCase") => {
            let mut chars = rust.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        }
        Some(other) => panic!("serde rename_all = {other:?}: teach the generator"),
    }
}

/// The last segment of a path type and its type arguments.
pub fn path_of(ty: &Type) -> Option<(String, Vec<&Type>)> {
    let Type::Path(p) = ty else {
        return None;
    };
    let last = p.path.segments.last()?;
    let args = match &last.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|a| match a {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Some((last.ident.to_string(), args))
}
