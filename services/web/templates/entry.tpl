{{%AUTOESCAPE context="HTML"}}
<form method="get" action="/inserimento" class="valore-filters d-print-none">
  {{>PERIOD_SELECT}}
  {{>ENTITY_SELECT}}
  <div class="valore-field">
    <label for="dirigente">Dirigente</label>
    <select id="dirigente" name="dirigente" class="form-select">
      {{#MANAGER_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/MANAGER_OPTION}}
    </select>
  </div>
  <button type="submit" class="btn btn-primary">Mostra</button>
</form>

<p class="lead">{{ENTITY_LABEL}} – periodo {{PERIOD}}</p>
{{#LOCKED}}<div class="alert alert-info" role="status">Il periodo è bloccato ({{REASON}}, {{AUTHOR}}): i valori sono in sola lettura.</div>{{/LOCKED}}
{{#READ_ONLY_ROLE}}<div class="alert alert-info" role="status">Valori in sola lettura: il ruolo non consente di inserirli per questo ente.</div>{{/READ_ONLY_ROLE}}
{{#ERRORS}}<p id="riepilogo-errori" class="text-danger">Da correggere nella tabella: {{COUNT}}.</p>{{/ERRORS}}
{{#NO_ROWS}}<p>Nessuna voce per la scelta fatta.</p>{{/NO_ROWS}}

<form method="post" action="/inserimento" enctype="multipart/form-data" class="valore-entry" data-entry-grid>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="periodo" value="{{PERIOD}}">
  <input type="hidden" name="ente" value="{{ENTITY}}">
  <input type="hidden" name="dirigente" value="{{MANAGER}}">
  <input type="hidden" name="ritorno" value="/inserimento?periodo={{PERIOD:u}}&amp;ente={{ENTITY:u}}&amp;dirigente={{MANAGER:u}}">
  <div class="table-responsive" tabindex="0" role="region" aria-label="Valori del periodo {{PERIOD}}">
  <table class="table table-sm valore-table valore-grid">
    <caption>Valori del periodo {{PERIOD}}: {{ROWS}} voci. Nei campi i valori si scrivono come nell'appendice ("80,5%", "1.234", "Non rilevabile").</caption>
    <thead><tr>
      <th scope="col">Codice</th>{{#SEVERAL}}<th scope="col">Ente</th>{{/SEVERAL}}<th scope="col">Voce</th><th scope="col">Obiettivo</th>
      <th scope="col">Valore precedente</th><th scope="col">Valore</th><th scope="col">Nota</th><th scope="col">Esito</th>
    </tr></thead>
    <tbody>
    {{#ROW}}<tr data-item="{{CODE}}" data-entity="{{ROW_ENTITY}}">
      <th scope="row">{{#LINK}}<a href="{{HREF}}">{{CODE}}</a>{{/LINK}}{{#PLAIN}}{{CODE}}{{/PLAIN}}</th>
      {{#SEVERAL}}<td>{{ENTITY_NAME}}</td>{{/SEVERAL}}
      <td>{{TITLE}}<br><small>{{KIND}}</small></td>
      <td>{{TARGET}}</td>
      <td class="text-end">{{PREVIOUS}}</td>
      {{#EDIT}}
      <td><label class="visually-hidden" for="valore-{{ID}}">Valore di {{CODE}}{{FOR}}</label>
        <input type="text" class="form-control form-control-sm{{#INVALID}} is-invalid{{/INVALID}}" id="valore-{{ID}}" name="valore.{{KEY}}" value="{{VALUE}}" data-stored="{{STORED}}"{{#INVALID}} aria-invalid="true" aria-describedby="errore-{{ID}}"{{/INVALID}}>
        {{#ERROR}}<span id="errore-{{ID}}" class="invalid-feedback d-block">Valore non accettato: <span lang="en">{{DETAIL}}</span></span>{{/ERROR}}</td>
      <td><label class="visually-hidden" for="nota-{{ID}}">Nota di {{CODE}}{{FOR}}</label>
        <input type="text" class="form-control form-control-sm" id="nota-{{ID}}" name="nota.{{KEY}}" value="{{NOTE}}" data-stored="{{STORED_NOTE}}"></td>
      {{/EDIT}}
      {{#SHOW}}<td class="text-end">{{VALUE}}</td><td>{{NOTE}}</td>{{/SHOW}}
      <td>{{OUTCOME}}{{#EDIT}}<br><small class="valore-preview" data-preview aria-live="polite"></small>{{/EDIT}}</td>
    </tr>
    {{/ROW}}
    </tbody>
  </table>
  </div>
  {{#WRITABLE}}
  <div class="d-flex gap-2 d-print-none">
    <button type="submit" name="azione" value="verifica" class="btn btn-outline-primary">Verifica</button>
    <button type="submit" name="azione" value="salva" class="btn btn-primary">Salva tutti i valori</button>
  </div>
  {{/WRITABLE}}
</form>

<h2>Dal foglio di calcolo</h2>
<p><a href="/inserimento/csv?periodo={{PERIOD:u}}&amp;ente={{ENTITY:u}}&amp;dirigente={{MANAGER:u}}">Scarica la griglia in CSV</a>: compilare le colonne «Valore» e «Nota» e caricare il file; i valori sono prima verificati e compaiono nella griglia, da salvare con «Salva tutti i valori».</p>
{{#WRITABLE}}
<form method="post" action="/inserimento" enctype="multipart/form-data" class="valore-form d-print-none">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="periodo" value="{{PERIOD}}">
  <input type="hidden" name="ente" value="{{ENTITY}}">
  <input type="hidden" name="dirigente" value="{{MANAGER}}">
  <input type="hidden" name="ritorno" value="/inserimento?periodo={{PERIOD:u}}&amp;ente={{ENTITY:u}}&amp;dirigente={{MANAGER:u}}">
  <input type="hidden" name="azione" value="carica">
  <div class="valore-field">
    <label for="file">File CSV della griglia</label>
    <input type="file" id="file" name="file" accept=".csv,text/csv" class="form-control" required>
  </div>
  <button type="submit" class="btn btn-outline-primary mt-2">Carica e verifica</button>
</form>
{{/WRITABLE}}
