{{%AUTOESCAPE context="HTML"}}
<form method="get" action="/periodi" class="valore-filters d-print-none">
  {{>PERIOD_SELECT}}
  <button type="submit" class="btn btn-primary">Mostra</button>
</form>

<h2>Stato del periodo {{PERIOD}}</h2>
<ul class="valore-state">
  {{#LOCKED}}<li>Periodo bloccato da {{AUTHOR}} il {{WHEN}}: {{REASON}}</li>{{/LOCKED}}
  {{#OPEN}}<li>Periodo aperto: i valori si possono inserire e correggere.</li>{{/OPEN}}
  {{#SNAPSHOT}}<li>Ultimo snapshot: versione {{VERSION}} del {{WHEN}} ({{PRINCIPAL}})</li>{{/SNAPSHOT}}
  {{#NO_SNAPSHOT}}<li>Nessuno snapshot del periodo.</li>{{/NO_SNAPSHOT}}
</ul>
{{#READ_ONLY}}<p>Bloccare i periodi e salvare snapshot spetta all'amministratore.</p>{{/READ_ONLY}}

{{#LOCK_FORM}}
<form method="post" action="/periodi" enctype="multipart/form-data" class="valore-form d-print-none">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="periodo" value="{{PERIOD}}">
  <input type="hidden" name="ritorno" value="/periodi?periodo={{PERIOD:u}}">
  <input type="hidden" name="azione" value="blocca">
  <div class="form-group">
    <label for="motivo-blocco" class="active">Motivo del blocco</label>
    <input type="text" class="form-control" id="motivo-blocco" name="motivo" required maxlength="1000">
  </div>
  <button type="submit" class="btn btn-primary">Blocca il periodo</button>
</form>
{{/LOCK_FORM}}
{{#UNLOCK_FORM}}
<form method="post" action="/periodi" enctype="multipart/form-data" class="valore-form d-print-none">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="periodo" value="{{PERIOD}}">
  <input type="hidden" name="ritorno" value="/periodi?periodo={{PERIOD:u}}">
  <input type="hidden" name="azione" value="sblocca">
  <div class="form-group">
    <label for="motivo-sblocco" class="active">Motivo dello sblocco</label>
    <input type="text" class="form-control" id="motivo-sblocco" name="motivo" required maxlength="1000">
  </div>
  <button type="submit" class="btn btn-primary">Sblocca il periodo</button>
</form>
{{/UNLOCK_FORM}}
{{#SNAPSHOT_FORM}}
<form method="post" action="/periodi" enctype="multipart/form-data" class="valore-form d-print-none">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="periodo" value="{{PERIOD}}">
  <input type="hidden" name="ritorno" value="/periodi?periodo={{PERIOD:u}}">
  <input type="hidden" name="azione" value="snapshot">
  <button type="submit" class="btn btn-outline-primary">Salva uno snapshot</button>
</form>
{{/SNAPSHOT_FORM}}

<h2>Versioni salvate</h2>
{{#NO_VERSIONS}}<p>Nessuna versione salvata per il periodo.</p>{{/NO_VERSIONS}}
{{#HAS_VERSIONS}}
<div class="table-responsive" tabindex="0" role="region" aria-label="Snapshot del periodo {{PERIOD}}">
<table class="table table-sm valore-table">
  <caption>Snapshot del periodo {{PERIOD}}</caption>
  <thead><tr><th scope="col">Versione</th><th scope="col">Data</th><th scope="col">Autore</th><th scope="col">Impronta</th><th scope="col">Azioni</th></tr></thead>
  <tbody>
  {{#VERSION}}<tr><th scope="row">{{NUMBER}}</th><td>{{WHEN}}</td><td>{{PRINCIPAL}}</td><td><code>{{HASH}}</code></td>
    <td><a href="/periodi/scarica?nome={{NAME:u}}&amp;formato=pagina">Apri<span class="visually-hidden"> la versione {{NUMBER}}</span></a> ·
      <a href="/periodi/scarica?nome={{NAME:u}}&amp;formato=html">Scarica HTML<span class="visually-hidden"> della versione {{NUMBER}}</span></a> ·
      <a href="/periodi/scarica?nome={{NAME:u}}&amp;formato=csv">Scarica CSV<span class="visually-hidden"> della versione {{NUMBER}}</span></a> ·
      <a href="/periodi?periodo={{PERIOD:u}}&amp;confronta={{NAME:u}}">Confronta con i dati attuali<span class="visually-hidden"> (versione {{NUMBER}})</span></a></td></tr>
  {{/VERSION}}
  </tbody>
</table>
</div>
{{/HAS_VERSIONS}}

{{#DIFF}}
<h2>Confronto della versione {{NUMBER}} con i dati attuali</h2>
{{#SAME}}<p>Nessuna differenza: i dati attuali coincidono con lo snapshot.</p>{{/SAME}}
{{>DIFF_TABLE}}
{{/DIFF}}
