import { SchemaValidators } from "@tradewire/client/validators";

const validators = new SchemaValidators();
const violations: string[] = [];

/**
 * Check one frame the server sent against the AsyncAPI message schema of its type. Every test
 * socket runs every frame through this; `takeViolations` lets a test (or afterEach) fail on any.
 */
export function checkServerFrame(text: string): string | null {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return record(`not JSON: ${text.slice(0, 200)}`);
  }
  const result = validators.validateMessage(frame);
  return result.ok
    ? null
    : record(`${result.message} in ${text.slice(0, 300)}`);
}

function record(violation: string): string {
  violations.push(violation);
  return violation;
}

export function takeViolations(): string[] {
  return violations.splice(0, violations.length);
}
