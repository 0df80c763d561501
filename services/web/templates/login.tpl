{{%AUTOESCAPE context="HTML"}}
<p>Per accedere inserire il token personale ricevuto dall'amministratore. Dove il servizio chiede un certificato client, il browser lo presenta alla connessione: il token resta necessario.</p>
<form method="post" action="/accesso" class="valore-form">
  <div class="form-group">
    <label for="token" class="active">Token di accesso</label>
    <input type="password" class="form-control" id="token" name="token" autocomplete="current-password" required>
  </div>
  <button type="submit" class="btn btn-primary">Accedi</button>
</form>
