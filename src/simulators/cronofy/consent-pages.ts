// The small HTML pages of Cronofy's app host: consent forms, error pages and confirmations. Plain
// forms, so a browser or a bare HTTP client (see browser-client.ts) can answer them.

export interface ChoiceOption {
  value: string;
  label: string;
}

export interface ConsentForm {
  title: string;
  lines: string[];
  action: string;
  hidden: Record<string, string>;
  email?: { value?: string; suggestions?: ChoiceOption[] };
  providerChoice?: { options: ChoiceOption[]; selected?: string };
  error?: string;
}

export function consentPage(form: ConsentForm): string {
  const hidden = Object.entries(form.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('\n');
  return page(
    form.title,
    `${form.lines.map((line) => `<p>${escape(line)}</p>`).join('\n')}
${form.error ? `<p class="error" role="alert">${escape(form.error)}</p>` : ''}
<form method="post" action="${escape(form.action)}">
${hidden}
${form.email ? emailFields(form.email) : ''}
${form.providerChoice ? radioGroup('Video conferencing provider', 'provider', form.providerChoice.options, form.providerChoice.selected) : ''}
<p><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></p>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, `<p class="error" role="alert">${escape(message)}</p>`);
}

export function messagePage(title: string, message: string): string {
  return page(title, `<p>${escape(message)}</p>`);
}

function emailFields(email: NonNullable<ConsentForm['email']>): string {
  const chooser = email.suggestions?.length ? radioGroup('Choose an account', 'chosen_email', email.suggestions) : '';
  return `${chooser}
<p><label>Email address <input type="email" name="email" value="${escape(email.value ?? '')}" autocomplete="email"></label></p>`;
}

function radioGroup(legend: string, name: string, options: ChoiceOption[], selected?: string): string {
  const items = options
    .map(
      (option) =>
        `<label><input type="radio" name="${name}" value="${escape(option.value)}"${option.value === selected ? ' checked' : ''}> ${escape(option.label)}</label>`,
    )
    .join('<br>\n');
  return `<fieldset><legend>${escape(legend)}</legend>\n${items}\n</fieldset>`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(title)} · Cronofy (simulator)</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}.error{color:#b00020}</style>
</head>
<body><main><h1>${escape(title)}</h1>
${body}
</main></body>
</html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
