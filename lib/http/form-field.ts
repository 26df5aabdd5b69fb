/**
 * A field of the form a server action received. Anyone can call a server action with any
 * arguments, not only the form it was written for: anything but a form reads as empty.
 */
export function formField(formData: unknown, name: string): FormDataEntryValue | null {
  return formData instanceof FormData ? formData.get(name) : null;
}
