{{%AUTOESCAPE context="HTML"}}
<p>Per accedere inserire il token personale ricevuto dall'amministratore (o usare il certificato client configurato nel browser).</p>
<form method="post" action="/accesso" class="valore-form">
  <div class="form-group">
    <label for="token" class="active">Token di accesso</label>
    <input type="password" class="form-control" id="token" name="token" autocomplete="current-password" required>
  </div>
  <button type="submit" class="btn btn-primary">Accedi</button>
</form>
