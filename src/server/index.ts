/**
 * The server layer: the local web app over a journal (`shadow-ledger serve`). Its JSON API is
 * typed by the codecs in Api.ts; Query is the small filter language of its search boxes.
 */
export * as Api from './Api.js'
export * as App from './App.js'
export * as Model from './Model.js'
export * as Query from './Query.js'
export * as Serve from './Serve.js'
