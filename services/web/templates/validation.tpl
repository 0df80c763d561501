{{%AUTOESCAPE context="HTML"}}
<form method="get" action="/validazione" class="valore-filters d-print-none">
  {{>PERIOD_SELECT}}
  {{>ENTITY_SELECT}}
  <button type="submit" class="btn btn-primary">Mostra</button>
</form>
<p>{{COUNT}} voci da esaminare nel periodo {{PERIOD}}: esiti validati diversi da quelli calcolati ed esiti non valutabili.</p>
{{#READ_ONLY}}<p>La validazione degli esiti spetta all'amministratore.</p>{{/READ_ONLY}}
{{#NONE}}<p>Nessuna voce da esaminare.</p>{{/NONE}}
{{#ITEM}}
<section class="valore-validation" aria-labelledby="voce-{{TYPE_NUMBER}}-{{CODE}}">
  <h2 id="voce-{{TYPE_NUMBER}}-{{CODE}}" class="h5">{{TYPE}} {{CODE}} – {{TITLE}}</h2>
  <p>Esito calcolato: <strong>{{COMPUTED}}</strong> · Esito validato: <strong>{{VALIDATED}}</strong>{{#LINK}} · <a href="{{HREF}}">Dettaglio<span class="visually-hidden"> di {{CODE}}</span></a>{{/LINK}}</p>
  {{#FORM}}
  <form method="post" action="/validazione" enctype="multipart/form-data" class="valore-form d-print-none">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="periodo" value="{{PERIOD}}">
    <input type="hidden" name="ente" value="{{ENTITY}}">
    <input type="hidden" name="tipo" value="{{TYPE_NUMBER}}">
    <input type="hidden" name="voce" value="{{CODE}}">
    <input type="hidden" name="ritorno" value="/validazione?periodo={{PERIOD:u}}&amp;ente={{ENTITY:u}}">
    <div class="valore-field">
      <label for="esito-{{TYPE_NUMBER}}-{{CODE}}">Esito validato</label>
      <select id="esito-{{TYPE_NUMBER}}-{{CODE}}" name="esito" class="form-select"{{#INVALID}} aria-describedby="errore-{{TYPE_NUMBER}}-{{CODE}}"{{/INVALID}}>
        {{#OUTCOME_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OUTCOME_OPTION}}
      </select>
    </div>
    <div class="form-group">
      <label for="motivazione-{{TYPE_NUMBER}}-{{CODE}}" class="active">Motivazione</label>
      <textarea id="motivazione-{{TYPE_NUMBER}}-{{CODE}}" name="motivazione" class="form-control{{#INVALID}} is-invalid{{/INVALID}}" rows="2" maxlength="4096"{{#INVALID}} aria-invalid="true" aria-describedby="errore-{{TYPE_NUMBER}}-{{CODE}}"{{/INVALID}}>{{JUSTIFICATION}}</textarea>
      {{#ERROR}}<span id="errore-{{TYPE_NUMBER}}-{{CODE}}" class="invalid-feedback d-block">{{TEXT}}. Dettaglio: <span lang="en">{{DETAIL}}</span></span>{{/ERROR}}
    </div>
    <button type="submit" class="btn btn-primary btn-sm">Valida l'esito di {{CODE}}</button>
  </form>
  {{/FORM}}
</section>
{{/ITEM}}
