{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}} – Valore Pubblico – Unione delle Terre d'Argine</title>
<link rel="stylesheet" href="/static/bootstrap-italia/css/bootstrap-italia.min.css">
<link rel="stylesheet" href="/static/valore.css">
<script type="module" src="/static/valore.js"></script>
</head>
<body>
<div class="skiplinks"><a class="visually-hidden-focusable" href="#contenuto">Vai al contenuto</a></div>
<header class="valore-header">
  <div class="valore-header-slim">
    <div class="container d-flex justify-content-between align-items-center">
      <span>Unione delle Terre d'Argine</span>
      {{#SIGNED_IN}}
      <div class="d-flex align-items-center gap-3">
        <span>{{PRINCIPAL}} – {{ROLE}}</span>
        <form method="post" action="/esci">
          <input type="hidden" name="csrf" value="{{CSRF}}">
          <button type="submit" class="btn btn-sm btn-outline-light">Esci</button>
        </form>
      </div>
      {{/SIGNED_IN}}
    </div>
  </div>
  <div class="valore-header-center">
    <div class="container">
      <a class="valore-brand" href="/panoramica">
        <span class="valore-brand-title">Valore Pubblico</span>
        <span class="valore-brand-tagline">Monitoraggio del PIAO – Terre d'Argine</span>
      </a>
    </div>
  </div>
  {{#MENU}}
  <nav class="valore-menu" aria-label="Menu principale">
    <div class="container">
      <ul>
        {{#ITEM}}<li><a href="{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>{{/ITEM}}
      </ul>
    </div>
  </nav>
  {{/MENU}}
</header>
<main id="contenuto" class="container my-4">
  <h1>{{PAGE_TITLE}}</h1>
  {{#FLASH}}<div class="alert alert-{{KIND}}" role="{{ROLE}}">{{TEXT}}{{#DETAIL}}<br><small>Dettaglio: <span lang="en">{{DETAIL_TEXT}}</span></small>{{/DETAIL}}</div>{{/FLASH}}
  {{>BODY}}
</main>
<footer class="valore-footer">
  <div class="container">
    <p>Unione delle Terre d'Argine – Campogalliano, Carpi, Novi di Modena, Soliera</p>
    <p><a href="/dichiarazione-accessibilita">Dichiarazione di accessibilità</a> · Ultimo aggiornamento: {{UPDATED}}</p>
  </div>
</footer>
</body>
</html>
