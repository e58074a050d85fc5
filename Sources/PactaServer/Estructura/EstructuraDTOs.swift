import Foundation
import PactaCore
import Vapor

// What travels on the wire and into the audit log. Never Fluent models.

struct EntidadDTO: Content, Equatable {
    let id: UUID
    let nombre: String
    let sigla: String
    let nit: String?

    init(_ e: Entidad) {
        id = e.id!
        nombre = e.nombre
        sigla = e.sigla
        nit = e.nit
    }
}

struct DependenciaDTO: Content, Equatable {
    let id: UUID
    let codigo: String
    let nombre: String
    let tipo: TipoDependencia
    let padreId: UUID?
    let activa: Bool

    init(_ d: Dependencia) {
        id = d.id!
        codigo = d.codigo
        nombre = d.nombre
        tipo = d.tipo
        padreId = d.$padre.id
        activa = d.activa
    }
}

struct ProcesoDTO: Content, Equatable {
    let id: UUID
    let codigo: String
    let nombre: String
    let tipo: TipoProceso
    let dependenciaLiderId: UUID?

    init(_ p: Proceso) {
        id = p.id!
        codigo = p.codigo
        nombre = p.nombre
        tipo = p.tipo
        dependenciaLiderId = p.$dependenciaLider.id
    }
}

struct EmpleoDTO: Content, Equatable {
    let id: UUID
    let denominacion: String
    let codigo: String
    let grado: String
    let nivel: NivelJerarquico

    init(_ e: Empleo) {
        id = e.id!
        denominacion = e.denominacion
        codigo = e.codigo
        grado = e.grado
        nivel = e.nivel
    }
}

struct ServidorDTO: Content, Equatable {
    let id: UUID
    let documento: String
    let tipoDocumento: TipoDocumento
    let nombres: String
    let apellidos: String
    let correo: String?
    let tipoVinculacion: TipoVinculacion
    let instrumento: Instrumento
    let fechaPosesion: String?
    let empleoId: UUID?
    let dependenciaId: UUID?
    let jefeId: UUID?
    let activo: Bool
    let derechosDeCarrera: Bool

    init(_ s: Servidor) {
        id = s.id!
        documento = s.documento
        tipoDocumento = s.tipoDocumento
        nombres = s.nombres
        apellidos = s.apellidos
        correo = s.correo
        tipoVinculacion = s.tipoVinculacion
        instrumento = s.tipoVinculacion.instrumento
        fechaPosesion = s.fechaPosesion
        empleoId = s.$empleo.id
        dependenciaId = s.$dependencia.id
        jefeId = s.$jefe.id
        activo = s.activo
        derechosDeCarrera = s.derechosDeCarrera ?? false
    }
}

struct SituacionDTO: Content, Equatable {
    let id: UUID
    let servidorId: UUID
    let tipo: TipoSituacion
    let fechaInicio: String
    let fechaFin: String?
    let observacion: String
    let dependenciaAnteriorId: UUID?
    let dependenciaNuevaId: UUID?
    let jefeAnteriorId: UUID?
    let jefeNuevoId: UUID?

    init(_ s: SituacionAdministrativa) {
        id = s.id!
        servidorId = s.$servidor.id
        tipo = s.tipo
        fechaInicio = s.fechaInicio
        fechaFin = s.fechaFin
        observacion = s.observacion
        dependenciaAnteriorId = s.$dependenciaAnterior.id
        dependenciaNuevaId = s.$dependenciaNueva.id
        jefeAnteriorId = s.$jefeAnterior.id
        jefeNuevoId = s.$jefeNuevo.id
    }
}

// Inputs: every field a string, as both forms and JSON send them; `Campos` turns them into
// typed values with a Spanish message per field.

struct DependenciaInput: Content {
    var codigo: String?
    var nombre: String?
    var tipo: String?
    var padreId: String?
    var activa: String?
}

struct ProcesoInput: Content {
    var codigo: String?
    var nombre: String?
    var tipo: String?
    var dependenciaLiderId: String?
}

struct EmpleoInput: Content {
    var denominacion: String?
    var codigo: String?
    var grado: String?
    var nivel: String?
}

struct ServidorInput: Content {
    var documento: String?
    var tipoDocumento: String?
    var nombres: String?
    var apellidos: String?
    var correo: String?
    var tipoVinculacion: String?
    var fechaPosesion: String?
    var empleoId: String?
    var dependenciaId: String?
    var jefeId: String?
    var activo: String?
    /// "si"/"no": in período de prueba, already holds carrera rights in another post. Absent: unchanged.
    var derechosDeCarrera: String?
}

struct SituacionInput: Content {
    var tipo: String?
    var fechaInicio: String?
    var fechaFin: String?
    var dependenciaId: String?
    var jefeId: String?
    var observacion: String?
}
