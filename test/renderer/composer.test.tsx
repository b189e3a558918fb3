// The composer: the type 11 form fills subject and body and shows the shared rules' MSG11 findings;
// errors block Send with the reason visible; the caseworker's own words survive; send and Ctrl+Enter.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeBridge, anna } from './fakeBridge';
import { openCitizen, composerForm } from './helpers';

async function newMessage(bridge = new FakeBridge()) {
  const r = await openCitizen(bridge);
  await r.user.click(screen.getByRole('button', { name: 'Ny besked' }));
  const composer = await composerForm();
  return { ...r, composer };
}

const body = () => screen.getByLabelText('Tekst') as HTMLTextAreaElement;
const subject = () => screen.getByLabelText('Overskrift') as HTMLInputElement;

describe('composer: Indstilling om tilbud (type 11)', () => {
  it('offers only the types an a-kasse may send today (11 yes, retired type 2 no)', async () => {
    await newMessage();
    const options = within(screen.getByLabelText('Beskedtype')).getAllByRole('option').map((o) => o.textContent);
    expect(options).toContain('11 – Indstilling om tilbud');
    expect(options.some((o) => o?.startsWith('2 –'))).toBe(false);
  });

  it('fills the subject and a clear body from the form, and shows MSG11 findings beside the fields', async () => {
    const bridge = new FakeBridge().reply('companies.lookup', (req) => ({
      companies: req.cvr === '12345678' ? [{ cvr: '12345678', pNumber: '1000000001', name: 'Bageriet ApS', accountActive: true, lastLoginAt: null }] : [],
    }));
    const { user, composer } = await newMessage(bridge);
    await user.selectOptions(screen.getByLabelText('Beskedtype'), '11');

    expect(subject().value).toBe('A-kassens indstilling til jobcentret om tilbud');
    expect(screen.getByLabelText('Kanal')).toHaveValue('4');
    expect(within(composer).getByText('Jobcenter Testby (10100)')).toBeInTheDocument();
    expect(body().value).toContain('A-kassen indstiller, at Anna Jensen får et tilbud.');

    // No offer type yet: the rules warn beside the text (what is sent), and warnings do not block Send.
    const offer = screen.getByLabelText('Tilbudstype');
    const bodyFindings = document.getElementById(body().getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(bodyFindings).toHaveTextContent(/Advarsel/);
    expect(bodyFindings).toHaveTextContent('Angiv i teksten hvilket tilbud a-kassen indstiller til');
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();

    await user.selectOptions(offer, 'Virksomhedspraktik');
    await user.type(screen.getByLabelText('Varighed i uger'), '8');
    await user.type(screen.getByLabelText('Timer pr. uge'), '30');
    await user.type(screen.getByLabelText('Foreslået start'), '01-12-2026');
    await user.type(screen.getByLabelText('Virksomhedens CVR-nummer'), '12345678');
    await user.click(screen.getByRole('button', { name: 'Slå virksomhed op' }));
    await screen.findByText(/Valgt virksomhed:/);
    expect(bridge.callsOf('companies.lookup')).toEqual([{ cvr: '12345678' }]);

    const text = body().value;
    expect(text).toContain('A-kassen indstiller, at Anna Jensen får tilbud om virksomhedspraktik.');
    expect(text).toContain('Tilbud: Virksomhedspraktik');
    expect(text).toContain('Foreslået start: 01-12-2026');
    expect(text).toContain('Varighed: 8 uger');
    expect(text).toContain('Timer pr. uge: 30');
    expect(text).toContain('Virksomhed: Bageriet ApS, CVR 12345678, P-nummer 1000000001');
    // With offer, duration and company given, no MSG11_CONTENT finding remains.
    expect(document.querySelector('[data-rule="MSG11_CONTENT"]')).toBeNull();
  });

  it('blocks Send with the reason visible when type 11 goes on another channel (MSG11_CHANNEL)', async () => {
    const { user } = await newMessage();
    await user.selectOptions(screen.getByLabelText('Beskedtype'), '11');
    await user.selectOptions(screen.getByLabelText('Kanal'), 'Mail');
    const channel = screen.getByLabelText('Kanal');
    const describedBy = document.getElementById(channel.getAttribute('aria-describedby')!)!;
    expect(describedBy).toHaveTextContent('Indstilling om tilbud skal sendes via kanal 4 »Myndighed til myndighed«.');
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toBeDisabled();
    const reason = document.getElementById(send.getAttribute('aria-describedby')!)!;
    expect(reason).toHaveTextContent('Beskeden kan ikke sendes endnu:');
    expect(reason).toHaveTextContent('kanal 4');
  });

  it('keeps what the caseworker wrote after the generated text, and stops following the form once the text is edited', async () => {
    const { user } = await newMessage();
    await user.selectOptions(screen.getByLabelText('Beskedtype'), '11');
    await user.selectOptions(screen.getByLabelText('Tilbudstype'), 'Virksomhedspraktik');
    await user.type(body(), 'Medlemmet ønsker selv praktikken.');
    await user.type(screen.getByLabelText('Varighed i uger'), '6');
    expect(body().value).toContain('Varighed: 6 uger');
    expect(body().value.endsWith('Medlemmet ønsker selv praktikken.')).toBe(true);

    // Edit inside the generated block: the form no longer rewrites the text.
    const edited = body().value.replace('Tilbud: Virksomhedspraktik', 'Tilbud: Virksomhedspraktik (4 dage om ugen)');
    fireEvent.change(body(), { target: { value: edited } });
    await user.clear(screen.getByLabelText('Varighed i uger'));
    await user.type(screen.getByLabelText('Varighed i uger'), '10');
    expect(body().value).toContain('Varighed: 6 uger');
    expect(body().value).toContain('(4 dage om ugen)');
    expect(screen.getByText(/Du har rettet i teksten/)).toBeInTheDocument();
  });

  it('sends in one call that carries what was not saved yet, and puts the message in the outbox; Ctrl+Enter sends', async () => {
    const bridge = new FakeBridge();
    await newMessage(bridge);
    // The draft drafts.create answered is used as it is: not read again.
    expect(bridge.callsOf('drafts.get')).toEqual([]);
    // Typed and sent at once, before the save pause: Send is the submit alone, carrying the text.
    fireEvent.change(subject(), { target: { value: 'Samtale om jobsøgning' } });
    fireEvent.change(body(), { target: { value: 'Hej Anna\nVi ses på mandag.' } });
    const before = bridge.calls.length;
    fireEvent.keyDown(body(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(bridge.callsOf('drafts.submit')).toHaveLength(1));
    const drafting = ['drafts.get', 'drafts.save', 'drafts.submit'];
    expect(bridge.calls.slice(before).map((c) => c.channel).filter((c) => drafting.includes(c))).toEqual(['drafts.submit']);
    expect(bridge.callsOf('drafts.submit')[0]).toEqual({ id: 'draft-1', patch: { subject: 'Samtale om jobsøgning', body: 'Hej Anna\nVi ses på mandag.' } });
    expect(bridge.submitted).toMatchObject([{ id: 'draft-1', subject: 'Samtale om jobsøgning', body: 'Hej Anna\nVi ses på mandag.' }]);
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Ny besked' })).not.toBeInTheDocument());
    expect(screen.getByRole('status', { name: 'Statusbesked' })).toHaveTextContent('Beskeden er lagt i udbakken');
  });

  it('disables Send for exactly what main refuses: no receiver on channel 4, a placeholder left unfilled, one reason per fault', async () => {
    const bridge = new FakeBridge();
    bridge.citizens = [{ ...anna, jobcenterCode: null, jobcenterName: null }];
    const { user, composer } = await newMessage(bridge);
    expect(within(composer).getByText('Ukendt – borgeren har ingen myndighed at sende til')).toBeInTheDocument();
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toBeDisabled();
    const reason = () => document.getElementById(send.getAttribute('aria-describedby')!)!;
    // An empty subject is one fault: one line, not two.
    expect(within(reason()).getAllByText(/overskrift/i)).toHaveLength(1);
    expect(reason()).toHaveTextContent('Vælg modtageren (den anden myndighed).');

    await user.type(subject(), 'Orientering');
    fireEvent.change(body(), { target: { value: 'Mødested: {{mødested}}' } });
    expect(send).toBeDisabled();
    expect(reason()).toHaveTextContent('Teksten indeholder en pladsholder fra skabelonen, som ikke er udfyldt: »{{mødested}}«.');
    expect(bridge.callsOf('drafts.submit')).toEqual([]);
  });

  it('the built-in recommendation template inserted as it is cannot be sent: Send is disabled with its [ ] placeholders named, as main refuses', async () => {
    const builtIn = {
      id: 'builtin-indstilling',
      name: 'Indstilling om tilbud',
      contextType: 11,
      subject: 'A-kassens indstilling til jobcentret om tilbud',
      body: 'Kære jobcenter\n\nA-kassen indstiller, at {{borger.navn}} får tilbud om [tilbudstype] i [varighed] uger.\n\nVirksomhed eller kursusudbyder: [navn, CVR]\nBegrundelse: [hvorfor tilbuddet vil hjælpe medlemmet i job]\n\nVenlig hilsen\n{{sagsbehandler.navn}}\n{{organisation.navn}}',
      builtIn: true,
    };
    const bridge = new FakeBridge().reply('templates.list', { templates: [builtIn] });
    const { user } = await newMessage(bridge);
    await screen.findByRole('option', { name: 'Indstilling om tilbud' });
    await user.selectOptions(screen.getByLabelText('Skabelon'), 'Indstilling om tilbud');
    await user.click(screen.getByRole('button', { name: 'Indsæt skabelon' }));
    expect(body().value).toContain('Anna Jensen får tilbud om [tilbudstype] i [varighed] uger.');
    expect(screen.getByText(/Skabelonen »Indstilling om tilbud« er indsat\. Udfyld selv:/)).toHaveTextContent(
      'Udfyld selv: [tilbudstype], [varighed], [navn, CVR], [hvorfor tilbuddet vil hjælpe medlemmet i job].',
    );
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toBeDisabled();
    const reason = document.getElementById(send.getAttribute('aria-describedby')!)!;
    expect(reason).toHaveTextContent('Teksten indeholder pladsholdere fra skabelonen, som ikke er udfyldt: »[tilbudstype]«, »[varighed]«, »[navn, CVR]«.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(bridge.callsOf('drafts.submit')).toEqual([]);

    // Filled in by hand: Send is enabled.
    fireEvent.change(body(), { target: { value: 'A-kassen indstiller, at Anna Jensen får tilbud om virksomhedspraktik i 8 uger hos Bageriet ApS, CVR 12345678.' } });
    await waitFor(() => expect(send).toBeEnabled());
  });

  it('checks the text that is sent, not the form: once the body no longer says the offer, it warns beside the text', async () => {
    const { user } = await newMessage();
    await user.selectOptions(screen.getByLabelText('Beskedtype'), '11');
    await user.selectOptions(screen.getByLabelText('Tilbudstype'), 'Virksomhedspraktik');
    await user.type(screen.getByLabelText('Varighed i uger'), '8');
    fireEvent.change(body(), { target: { value: 'Se vedhæftede indstilling.' } });
    const bodyFindings = document.getElementById(body().getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(bodyFindings).toHaveTextContent('Teksten, der sendes, nævner ikke tilbuddet. Skriv »Virksomhedspraktik« i teksten; formularen alene sendes ikke.');
    expect(bodyFindings).toHaveTextContent('Teksten, der sendes, nævner ikke varigheden (8 uger i formularen).');
  });

  it('blocks a CPR number in the text of a channel-4 message, and says the citizen reads channel-4 text on Jobnet', async () => {
    const { user } = await newMessage();
    await user.selectOptions(screen.getByLabelText('Beskedtype'), '11');
    const hint = screen.getByText(/Borgeren kan også læse beskeden/);
    expect(hint).toHaveTextContent('Borgeren kan også læse beskeden – overskrift, tekst og bilag – i sin beskedbakke på Jobnet.');
    expect(body().getAttribute('aria-describedby')).toContain(hint.id);
    fireEvent.change(body(), { target: { value: 'Virksomhedspraktik i 8 uger hos Bageriet ApS for Anna Jensen, 010190-1234.' } });
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toBeDisabled();
    expect(document.getElementById(send.getAttribute('aria-describedby')!)).toHaveTextContent('Fjern CPR-nummeret fra teksten.');
    // To the citizen (channel 1), the note is not shown.
    await user.selectOptions(screen.getByLabelText('Beskedtype'), '1');
    await user.selectOptions(screen.getByLabelText('Kanal'), 'Mail');
    expect(screen.queryByText(/Borgeren kan også læse beskeden/)).not.toBeInTheDocument();
  });

  it('shows main\'s findings when main refuses the submit', async () => {
    const bridge = new FakeBridge().fail('drafts.submit', 'rules', 'Beskeden opfylder ikke reglerne.', {
      findings: [{ ruleId: 'MSG_CONTEXT_VALID', severity: 'error', field: 'contextType', message: 'Beskedtypen er udgået.' }],
    });
    const { user } = await newMessage(bridge);
    await user.type(subject(), 'Emne');
    await user.type(body(), 'Tekst');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Beskeden blev ikke sendt: Beskeden opfylder ikke reglerne.');
    // What went with the refused submit is saved as the draft: nothing typed is lost.
    await waitFor(() => expect(bridge.drafts.get('draft-1')).toMatchObject({ subject: 'Emne', body: 'Tekst' }));
    // Beside the field it concerns, and in the reason Send is blocked.
    const typeField = screen.getByLabelText('Beskedtype');
    expect(document.getElementById(typeField.getAttribute('aria-describedby')!)).toHaveTextContent('Beskedtypen er udgået.');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('inserts a template with its placeholders filled, names the ones it could not fill, and saves a new one', async () => {
    const bridge = new FakeBridge()
      .reply('templates.list', {
        templates: [{ id: 't1', name: 'Velkomst', contextType: 1, subject: 'Velkommen, {{borger.fornavn}}', body: 'Kære {{borger.navn}}\nHilsen {{sagsbehandler.navn}}, {{organisation.navn}}\nMøde: {{mødested}}', builtIn: true }],
      })
      .reply('templates.save', (req) => ({ id: 't2', name: req.name, contextType: req.contextType, subject: req.subject, body: req.body, builtIn: false }));
    const { user } = await newMessage(bridge);
    await screen.findByRole('option', { name: 'Velkomst' });
    await user.selectOptions(screen.getByLabelText('Skabelon'), 'Velkomst');
    await user.click(screen.getByRole('button', { name: 'Indsæt skabelon' }));
    expect(subject().value).toBe('Velkommen, Anna');
    expect(body().value).toBe('Kære Anna Jensen\nHilsen Karin Sagsbehandler, Testkassen\nMøde: {{mødested}}');
    expect(screen.getByText('Skabelonen »Velkomst« er indsat. Udfyld selv: {{mødested}}.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Gem teksten som skabelon' }));
    await user.type(screen.getByLabelText('Skabelonens navn'), 'Min velkomst');
    await user.click(screen.getByRole('button', { name: 'Gem skabelon' }));
    await waitFor(() => expect(bridge.callsOf('templates.save')).toHaveLength(1));
    expect(bridge.callsOf('templates.save')[0]).toEqual({ name: 'Min velkomst', contextType: 1, subject: 'Velkommen, Anna', body: body().value });
    expect(screen.getByLabelText('Skabelon')).toHaveDisplayValue('Min velkomst (egen)');
  });
});
