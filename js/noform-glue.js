// The glue of the modules without the form component, as js/index.js imports its glue, for
// gov-it-rules/noform (pkg-scripts/build.sh bundles the two with wasm-bindgen's glue for those
// modules as ./glue.js). It has no FormHandle, which tells the wrapper which entry it is; and a
// module with the component, given to it, lacks imports here: that is said in the package's words.
import glueInit, { initSync as glueInitSync } from './glue.js';

export * from './glue.js';
export const FormHandle = undefined;

function refused(error) {
  if (!(error instanceof WebAssembly.LinkError)) return error;
  return new Error(
    `gov-it-rules: gov-it-rules/noform loads gov_it_rules_noform_bg.wasm or gov_it_rules_core_noform_bg.wasm, not a module with attach(): import 'gov-it-rules' for it (${error.message})`,
    { cause: error },
  );
}

export function initSync(options) {
  try {
    return glueInitSync(options);
  } catch (error) {
    throw refused(error);
  }
}

export default async function init(options) {
  try {
    return await glueInit(options);
  } catch (error) {
    throw refused(error);
  }
}
