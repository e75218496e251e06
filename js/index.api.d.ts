// The template of js/index.d.ts: the wrapper's own API (js/index.js), written by hand. The types
// that mirror the Rust core are generated where a `// @generate NAME` line stands; the whole file
// is written by tests/wasm_types.rs (UPDATE_TYPES=1 cargo test --test wasm_types), whose header
// replaces this comment.

// ---------------------------------------------------------------------------------------------
// The application

/** An amount in 万元 (10,000 CNY): digits as text (exact: "300.0001" is over 300) or a number. */
export type Amount = string | number;
/** A date, `YYYY-MM-DD`. */
export type DateString = string;
/** A month, `YYYY-MM`. */
export type YearMonthString = string;
/** Yes or no; the form's 是/否 is accepted too. */
export type Flag = boolean | 'true' | 'false' | '是' | '否';
/** A whole number, as a number or as digits. */
export type Whole = number | string;

// @generate application

/** A scalar field by its dotted path, e.g. `funding.thisYear.total`. */
export type FieldPath = LeafPaths<Application>;
/** A group of fields set from an object, e.g. `funding.thisYear`. */
export type GroupPath = GroupPaths<Application>;
/** Any path `Validator.set` takes: a field, a group, a table, a row or a cell. */
export type Path =
  | FieldPath
  | GroupPath
  | 'documents'
  | 'resources'
  | `documents[${number}]`
  | `documents[${number}].${keyof DocumentOnFile & string}`
  | `resources[${number}]`
  | `resources[${number}].${keyof ResourceRow & string}`;

type Group<T> = Exclude<T, null | undefined>;
type IsGroup<T> = Group<T> extends string | number | boolean | unknown[] ? false : true;
type LeafPaths<T> = {
  [K in keyof T & string]-?: K extends 'documents' | 'resources'
    ? never
    : IsGroup<T[K]> extends true
      ? `${K}.${LeafPaths<Group<T[K]>>}`
      : K;
}[keyof T & string];
type GroupPaths<T> = {
  [K in keyof T & string]-?: IsGroup<T[K]> extends true
    ? K extends 'documents' | 'resources'
      ? never
      : K | `${K}.${GroupPaths<Group<T[K]>>}`
    : never;
}[keyof T & string];

// ---------------------------------------------------------------------------------------------
// Options

// @generate options

/** Options for `jurisdictions()`: the date that picks the version in force, and the locale. */
export interface ListingOptions {
  asOf?: DateString | null | undefined;
  locale?: LocaleTag | null | undefined;
}

/** Options for `rules()`: one jurisdiction's provisions, or every jurisdiction's when left out. */
export interface CatalogueOptions extends ListingOptions {
  jurisdiction?: JurisdictionId | (string & {}) | null | undefined;
}

// ---------------------------------------------------------------------------------------------
// The report

// @generate codes

// @generate report

// ---------------------------------------------------------------------------------------------
// Live validation

// @generate live

/** A validator holding one application, for a live form. */
export type Validator = ValidatorMethods & DisposeMethod;

/**
 * `[Symbol.dispose]()`, the same as `free()`, where the consumer's libs declare `Symbol.dispose`
 * (`esnext.disposable`): `using v = createValidator(…)` frees it at the end of the block.
 */
export type DisposeMethod = SymbolConstructor extends { readonly dispose: infer D extends symbol }
  ? { [K in D]: () => void }
  : unknown;

/** What a validator does. */
export interface ValidatorMethods {
  /**
   * Sets one value and returns what changed: a field (`funding.thisYear.total`), a group
   * (`funding.thisYear`, from an object), a table (`documents`), a row (`resources[2]`; `null`
   * removes it, the index one past the end appends) or a cell (`resources[2].sharing`). `null`
   * clears. A bad value comes back as a diagnostic. A row index past the end, a value over a
   * limit, or an edit of a table that would take the application over one (2 MiB of JSON text,
   * 50,000 values) throws a RangeError, and the validator keeps what it holds.
   */
  set(path: Path, value: unknown): Delta;
  /**
   * Replaces the whole application (an object or JSON text) and returns what changed. One over a
   * limit throws a RangeError, and the validator keeps what it holds.
   */
  replace(application: Application | string): Delta;
  /** The whole report on the application as it stands. */
  report(): Report;
  /** Releases the validator's memory now rather than at garbage collection. */
  free(): void;
}

// ---------------------------------------------------------------------------------------------
// Catalogue

// @generate catalogue

// ---------------------------------------------------------------------------------------------
// Standard Schema v1 (https://standardschema.dev), declared here so that no dependency is needed.

export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  /** The input type of a schema, from its `~standard.types` (e.g. `Application` for `schema()`'s). */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  /** The output type of a schema, from its `~standard.types`. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/**
 * The schema `schema()` returns: errors are issues, warnings are not. Before the module is loaded
 * `validate` answers with a Promise (it waits for `init()`, calling it if nobody has); once it is
 * loaded, at once. A valid value comes back in canonical form (`NormalizedApplication`).
 */
export interface ApplicationSchema extends StandardSchemaV1<Application, NormalizedApplication> {
  readonly '~standard': ApplicationSchemaProps;
}

export interface ApplicationSchemaProps extends StandardSchemaV1.Props<Application, NormalizedApplication> {
  readonly validate: (
    value: unknown,
  ) => StandardSchemaV1.Result<NormalizedApplication> | Promise<StandardSchemaV1.Result<NormalizedApplication>>;
}

/**
 * An application as a valid form's value comes back from `schema()`: amounts are canonical
 * decimal strings of 万元 (「３００ 万元」 → `'300'`), text is trimmed, dates are `YYYY-MM-DD`,
 * yes/no answers are booleans, whole numbers are numbers, and checkbox groups and tables are
 * arrays. Keys the rules do not know are kept as given.
 */
export type NormalizedApplication = Normalized<Application>;
type Normalized<T> = { [K in keyof T]: NormalizedField<K, T[K]> };
type Present<T> = Exclude<T, null | undefined>;
/** The labels a form may give for a listed choice, which come back as its key. */
type ChoiceLabel = ProjectKindLabel | UnitKindLabel | LevelLabel | StageLabel | AdjustmentReasonLabel;
type Keyed<T> = T extends readonly (infer E)[] ? Exclude<E, ChoiceLabel>[] : T;
type NormalizedField<K, T> = K extends 'year' | 'mlpsLevel' | 'size' | 'external' | 'freeMaintenanceYears'
  ? number | null
  : [Extract<Present<T>, readonly unknown[]>] extends [never]
    ? [Flag] extends [Present<T>]
      ? boolean | null
      : [Amount] extends [Present<T>]
        ? string | null
        : [Present<T>] extends [object]
          ? Normalized<Present<T>> | Extract<T, null>
          : Exclude<T, ChoiceLabel>
    : // A checkbox group not answered stays `null`; a table left empty is `[]`.
      Keyed<Extract<Present<T>, readonly unknown[]>> | (K extends 'documents' | 'resources' ? never : Extract<T, null>);

/** A field, group, table, row or cell a form has, as `schema({ fields })` and `elementRules({ fields })` name it. */
export type FormField = Path;

/** Options of `schema()`: those of `validate()`, and the fields the form (or this wizard step) has. */
export interface SchemaOptions extends Options {
  /**
   * The fields the form has (e.g. one wizard step's): only errors on them, or inside them (a row
   * or cell of a table, a field of a group), and errors about the whole application are issues.
   * Left out: the fields the value given has. A path that is no field throws a TypeError.
   */
  fields?: readonly FormField[] | undefined;
}

// ---------------------------------------------------------------------------------------------
// async-validator rules (Element Plus, Ant Design Vue)

/**
 * The callback async-validator hands a validator. It is given an `Error` or nothing; typed to take
 * a string too, so that the rules fit Element Plus's types (`string | Error`) and Ant Design Vue's
 * (`string`) alike.
 */
export type ValidateCallback = (error?: string | Error) => void;

/** One rule of async-validator with a validator that checks a field against the regulation. */
export interface ElementRule {
  /**
   * Given async-validator's callback, calls `callback()` or `callback(new Error(message))` and
   * returns nothing. The whole form comes from `model`; without it, from `source` (Element Plus
   * passes it), else from the value alone.
   */
  validator(rule: unknown, value: unknown, callback: ValidateCallback, source?: Record<string, unknown>): void;
  /** Without a callback: a Promise that resolves, or rejects with the field's first error. */
  validator(rule: unknown, value: unknown): Promise<void>;
  trigger: ElementTrigger | ElementTrigger[];
}

/** The events Element Plus and Ant Design Vue validate a form item on. */
export type ElementTrigger = 'blur' | 'change';

/**
 * The `rules` of `<el-form>` and `<a-form>`, by the path a form-item names
 * (`prop="funding.thisYear.total"`); Ant Design Vue's `:name="['funding', 'thisYear', 'total']"`
 * finds the same rules part by part.
 */
export type ElementRules = { [path: string]: ElementRule[] };

export interface ElementRulesOptions extends Options {
  /** The fields to make rules for; left out: those `model` has, else every field. */
  fields?: readonly FormField[] | undefined;
  /**
   * The whole form: the object `<el-form :model>` is given (e.g. a `reactive()` one), or a function
   * returning it (`() => form.value` for a `ref`). Each validator reads it, since the rules are
   * cross-field. Left out, a validator sees only what async-validator hands it: the source
   * (Element Plus passes the form item's), else the value alone (Ant Design Vue).
   */
  model?: Application | (() => Application) | undefined;
  /** When the form library runs the rules; default `['blur', 'change']`. */
  trigger?: ElementTrigger | ElementTrigger[] | undefined;
}

// ---------------------------------------------------------------------------------------------
// Labels

// @generate labels

// ---------------------------------------------------------------------------------------------
// Platform types, without the DOM lib
//
// A Node or server project compiled without `"lib": ["dom"]` has no `Element`, `Response` or
// `WebAssembly`. Each is taken from the consumer's own globals where its libs declare it (the DOM
// lib, @types/node), and is `never` where they do not: the browser-only `attach()` then takes
// no form, and the rest of the surface is the same.

/** `Element` where the consumer's libs declare it. */
export type DomElement = typeof globalThis extends { Element: { prototype: infer T } } ? T : never;
/** `HTMLFormElement` where the consumer's libs declare it. */
export type DomFormElement = typeof globalThis extends { HTMLFormElement: { prototype: infer T } } ? T : never;
/** `URL` where the consumer's libs declare it. */
export type UrlObject = typeof globalThis extends { URL: { prototype: infer T } } ? T : never;
/** `Request` where the consumer's libs declare it. */
export type RequestObject = typeof globalThis extends { Request: { prototype: infer T } } ? T : never;
/** `Response` where the consumer's libs declare it. */
export type ResponseObject = typeof globalThis extends { Response: { prototype: infer T } } ? T : never;
/** `WebAssembly.Module` where the consumer's libs declare it. */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer T } } } ? T : never;
/** The bytes of a module: an ArrayBuffer or a view of one (the DOM lib's `BufferSource`). */
export type Bytes = ArrayBuffer | ArrayBufferView;

// ---------------------------------------------------------------------------------------------
// Functions

/** What `init()` can load the module from: a URL (as text or a `URL`), a request or response, the bytes, or a compiled module. */
export type InitInput = string | UrlObject | RequestObject | ResponseObject | Bytes | WasmModule;

// @generate shipped

/** `init()` for a page that needs only some regulations. */
export interface InitJurisdictions {
  /** The regulations to load; the others are not fetched and are unknown to this page. */
  jurisdictions: ShippedJurisdiction[];
  /**
   * Where `gov_it_rules_core_bg.wasm` (the module without embedded regulations) is, if not beside
   * the package's JS; with `form: false`, `gov_it_rules_core_noform_bg.wasm`.
   */
  wasm?: InitInput | undefined;
  /**
   * The folder holding `<id>.govit` (the compiled profile) and `<id>.en.govit` (its English
   * texts) for each regulation, if not `profiles/` beside the package's JS.
   */
  profiles?: string | UrlObject | undefined;
  /**
   * The locales the page shows. With `'en'`, the regulations' English texts
   * (`profiles/<id>.en.govit`) are fetched too; without it, an English answer gives the
   * regulations' own texts (article summaries, explanations) in Chinese, with a `JU006` notice.
   */
  locales?: Locale[] | undefined;
  profileJson?: false | undefined;
  /** `false`: the module without `attach()` (`gov_it_rules_core_noform_bg.wasm`, 33 KB gzip smaller). */
  form?: boolean | undefined;
}

/** `init()` with the module that also reads JSON profiles (`loadProfile(json)`), for profile authors' tools. */
export interface InitProfileJson {
  profileJson: true;
  /** Where `gov_it_rules_json_bg.wasm` is, if not beside the package's JS. */
  wasm?: InitInput | undefined;
  jurisdictions?: undefined;
  form?: true | undefined;
  /** Accepted for symmetry: this module embeds the regulations' English texts. */
  locales?: Locale[] | undefined;
}

/**
 * `init()` with the default module from elsewhere than beside the package's JS; with
 * `form: false`, the module without `attach()` (`gov_it_rules_noform_bg.wasm`, 33 KB gzip smaller).
 */
export interface InitDefault {
  wasm?: InitInput | undefined;
  jurisdictions?: undefined;
  /** The folder holding `<id>.en.govit` for each regulation, if not `profiles/` beside the package's JS. */
  profiles?: string | UrlObject | undefined;
  /**
   * The locales the page shows. With `'en'`, the regulations' English texts
   * (`profiles/<id>.en.govit`) are fetched too; without it, an English answer gives the
   * regulations' own texts (article summaries, explanations) in Chinese, with a `JU006` notice.
   */
  locales?: Locale[] | undefined;
  profileJson?: false | undefined;
  form?: boolean | undefined;
}

/**
 * Loads the WebAssembly module; call once before anything else in a browser. With no argument it
 * is fetched from beside the package's JS (bundlers that understand `new URL(…, import.meta.url)`
 * copy it). `init({ jurisdictions: ['tongzhou'] })` loads the module without embedded
 * regulations and only the named profiles; `init({ profileJson: true })` the module that also
 * reads JSON profiles; `init({ form: false })` the module without `attach()`, with or without
 * `jurisdictions`; `init({ locales: ['zh-CN', 'en'] })` fetches the regulations' English texts,
 * which a page showing Chinese only does without. In Node the package is ready on import (with the module that reads JSON
 * profiles) and this resolves at once. Imported as `gov-it-rules/noform`, it loads the modules
 * without `attach()` by default and refuses `form: true` and `profileJson: true`. An options object
 * with a key not declared here rejects with a TypeError that names it (`jurisdiction`: did you mean
 * `jurisdictions`?), in Node too; a Promise is awaited, and what it resolves to loaded.
 */
export function init(
  input?: InitInput | Promise<InitInput> | InitJurisdictions | InitProfileJson | InitDefault,
): Promise<void>;

/** Loads the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(bytes: Bytes | WasmModule): void;

/**
 * After `init()`, makes the module able to answer in `locale`: for `'en'`, fetches the
 * regulations' English texts that `init({ locales: ['zh-CN', 'en'] })` would have fetched, for a
 * page that switches to English only when asked. Resolves at once where they are already there
 * (Node, `init({ profileJson: true })`) and for `'zh-CN'`.
 */
export function loadLocale(locale: Locale): Promise<void>;

/** Validates a whole application (an object, or JSON text) and returns the report. */
export function validate(application: Application | string, options: Options): Report;

/** A validator for a live form, configured by `options`, holding `application` (default: empty). */
export function createValidator(options: Options, application?: Application | string | null): Validator;

/** The jurisdictions, with title, document number and dates of the regulation in force. */
export function jurisdictions(options?: ListingOptions): JurisdictionEntry[];

/** The rule catalogue: codes with severity and message template; provisions with citations. */
export function rules(options?: CatalogueOptions): Catalogue;

/** A problem in a profile, located by its JSON path (e.g. `versions[0].outcomes.approval[0].cite[0].article`). */
export interface ProfileError {
  path: string;
  message: string;
}
/** What loadProfile() did. */
export type LoadProfileResult = { ok: true; id: string; errors: [] } | { ok: false; errors: ProfileError[] };
/**
 * Loads a jurisdiction profile so that options can name its id: compiled by `gov-it-check
 * compile` (bytes, with `english` the `<id>.en.govit` that `--english-apart` writes beside it),
 * or JSON text or an object (format in docs/profile-format.md) where the module reads JSON
 * profiles (Node, or after `init({ profileJson: true })`; elsewhere the result is one error
 * saying so). The compiler checks a profile's cross-references (citations, declared documents and
 * parameters, fields of their kind); the browser modules check a compiled profile's bytes and
 * bounds, Node's module and `init({ profileJson: true })`'s check both again. A rejected profile
 * changes nothing.
 */
export function loadProfile(profile: string | object | Bytes, english?: Bytes): LoadProfileResult;
/**
 * A Standard Schema v1 for form libraries (react-hook-form, TanStack Form, VeeValidate), for the
 * fields `options.fields` names, or else those the value has. May be made before `init()`.
 */
export function schema(options: SchemaOptions): ApplicationSchema;

/** The `rules` of Element Plus's `<el-form>` and Ant Design Vue's `<a-form>` (async-validator). */
export function elementRules(options: ElementRulesOptions): ElementRules;

/** `T` read-only at every depth, as an object the package freezes is. */
export type Frozen<T> = { readonly [K in keyof T]: Frozen<T[K]> };

/**
 * Every label in `locale` (default `zh-CN`): fields, cells, choices, verdict values, stages,
 * documents. Frozen, and the same object each call.
 */
export function labels(locale?: Locale): Frozen<Labels>;

// ---------------------------------------------------------------------------------------------
// attach(): live, cited feedback inside an existing <form> (the form component in the module, src/form/; styles in attach.css)

export interface AttachOptions extends Options {
  /** Controls by application path, as a selector or an element; by default controls are matched by name. */
  fields?: Record<string, string | DomElement> | undefined;
  /** Milliseconds to wait after typing before verdicts update; default 150. */
  debounce?: number | undefined;
  /** Where verdicts are shown; default a region at the top of the form; `false` for none. */
  outcomes?: DomElement | false | undefined;
  /** Where the error summary is shown; default at the top of the form. */
  summary?: DomElement | undefined;
  /** Show the basis (citations) of each message; default true. */
  citations?: boolean | undefined;
  /**
   * The name of a hidden field attach() adds to the form and fills, at each validation without
   * errors (a submit it lets through, `validate()`), with the application it checked as JSON: the
   * record a server re-checks with `validate(JSON.parse(body[name]), options)` and stores. Absent:
   * no field is added.
   */
  applicationField?: string | undefined;
}

export interface AttachHandle {
  /** Validates the whole form, shows every error and the summary, and returns the report. */
  validate(): Report;
  /** The report on the form as it stands. */
  readonly report: Report;
  /**
   * Reads the whole form again, after your script set its values (a saved draft loaded):
   * setting `value` or `checked` fires no event. Shows no error that was not shown.
   */
  refresh(): void;
  /** Changes validation options (jurisdiction, stage, locale …) and re-checks the form. */
  setOptions(changes: Partial<Options>): void;
  /** Removes every listener and everything attach() added. */
  detach(): void;
}

/** Binds live validation to an existing form (browser only; call `init()` first). */
export function attach(form: DomFormElement, options: AttachOptions): AttachHandle;

/** The `detail` of `govit:report`, dispatched on the form after every update and once by `attach()` itself. */
export interface AttachReportDetail {
  /** The whole report, as `validate()` returns it; made when first read. */
  readonly report: Report;
  /** Milliseconds the update took, debounce excluded. */
  readonly elapsedMs: number;
}

/** The `detail` of `govit:invalid`, dispatched on the form when a submit with errors is stopped. */
export interface AttachInvalidDetail {
  /** The whole report, as `validate()` returns it; made when first read. */
  readonly report: Report;
}

/**
 * A `CustomEvent` whose `detail` is `T`, where the consumer's libs declare `CustomEvent` (without
 * its deprecated `initCustomEvent`, whose `detail` the DOM lib types loosely).
 */
export type AttachEvent<T> = typeof globalThis extends { CustomEvent: { prototype: infer E } }
  ? Omit<E, 'detail' | 'initCustomEvent'> & { readonly detail: T }
  : never;

declare global {
  /** The events `attach()` dispatches on the form (they do not bubble), for `form.addEventListener`. */
  interface HTMLElementEventMap {
    'govit:report': AttachEvent<AttachReportDetail>;
    'govit:invalid': AttachEvent<AttachInvalidDetail>;
  }
}
