// Reading the summaries that rewritten files carry in their objects (the `.stackless.summary`
// section, see Summary.swift): from ELF objects, executables and shared libraries, and from the
// members of `ar` archives.

import Foundation
import StacklessTransform

enum ObjectSummaries {
    enum Found {
        /// The summaries of the units built into the file (none: not built by stackless).
        case summaries([UnitSummary])
        /// The file's summaries cannot be read; why.
        case unreadable(String)
    }

    static let sectionName = ".stackless.summary"

    /// What a link input carries: an object, an archive or a shared library.
    static func read(_ path: String) -> Found {
        guard let data = FileManager.default.contents(atPath: path) else { return .unreadable("cannot read the file") }
        return read(bytes: [UInt8](data))
    }

    static func read(bytes: [UInt8]) -> Found {
        if bytes.starts(with: Array("!<arch>\n".utf8)) { return archive(bytes) }
        if bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]) { return elf(bytes[...]) }
        if bytes.starts(with: [0x42, 0x43, 0xc0, 0xde]) || bytes.starts(with: [0xde, 0xc0, 0x17, 0x0b]) {
            return .unreadable("an LLVM bitcode object (-flto): its summary is read only from the linked program; run `stackless check` on the program instead")
        }
        return .unreadable("not an ELF object or archive")
    }

    private static func archive(_ bytes: [UInt8]) -> Found {
        var all: [UnitSummary] = []
        var offset = 8
        while offset + 60 <= bytes.count {
            let header = bytes[offset..<offset + 60]
            let name = String(decoding: header.prefix(16), as: UTF8.self).trimmingCharacters(in: .whitespaces)
            guard let size = Int(String(decoding: header[(offset + 48)..<(offset + 58)], as: UTF8.self).trimmingCharacters(in: .whitespaces)) else {
                return .unreadable("a malformed archive")
            }
            let start = offset + 60
            guard start + size <= bytes.count else { return .unreadable("a truncated archive") }
            // Symbol tables ("/", "/SYM64/") and the long-name table ("//") are not members.
            if !(name == "/" || name == "//" || name.hasPrefix("/SYM64/") || name == "__.SYMDEF") {
                let member = bytes[start..<start + size]
                if member.starts(with: [0x7f, 0x45, 0x4c, 0x46]) {
                    switch elf(member) {
                    case .summaries(let s): all += s
                    case .unreadable(let why): return .unreadable("member \(name): \(why)")
                    }
                } else if member.starts(with: [0x42, 0x43, 0xc0, 0xde]) {
                    return .unreadable("member \(name) is LLVM bitcode (-flto): run `stackless check` on the linked program instead")
                }
            }
            offset = start + size + (size & 1)
        }
        return .summaries(all)
    }

    private static func elf(_ bytes: ArraySlice<UInt8>) -> Found {
        let b = Array(bytes)
        guard b.count >= 52 else { return .unreadable("a truncated ELF file") }
        let is64 = b[4] == 2
        let little = b[5] == 1
        func int(_ at: Int, _ width: Int) -> Int? {
            guard at >= 0, at + width <= b.count else { return nil }
            var v: UInt64 = 0
            for i in 0..<width {
                let byte = UInt64(b[little ? at + width - 1 - i : at + i])
                v = (v << 8) | byte
            }
            return Int(truncatingIfNeeded: v)
        }
        guard let shoff = is64 ? int(0x28, 8) : int(0x20, 4),
              let shentsize = is64 ? int(0x3a, 2) : int(0x2e, 2),
              let shnum = is64 ? int(0x3c, 2) : int(0x30, 2),
              let shstrndx = is64 ? int(0x3e, 2) : int(0x32, 2) else { return .unreadable("a truncated ELF header") }
        func section(_ i: Int) -> (name: Int, offset: Int, size: Int, type: Int)? {
            let h = shoff + i * shentsize
            guard let name = int(h, 4), let type = int(h + 4, 4),
                  let offset = is64 ? int(h + 0x18, 8) : int(h + 0x10, 4),
                  let size = is64 ? int(h + 0x20, 8) : int(h + 0x14, 4) else { return nil }
            return (name, offset, size, type)
        }
        guard shnum > 0, shstrndx < shnum, let names = section(shstrndx) else { return .summaries([]) }
        func name(_ at: Int) -> String {
            var end = names.offset + at
            while end < b.count && b[end] != 0 { end += 1 }
            guard names.offset + at <= end else { return "" }
            return String(decoding: b[(names.offset + at)..<end], as: UTF8.self)
        }
        var summaries: [UnitSummary] = []
        var lto = false
        for i in 0..<shnum {
            guard let s = section(i) else { return .unreadable("a truncated section table") }
            let n = name(s.name)
            if n.hasPrefix(".gnu.lto_") { lto = true }
            guard n == sectionName else { continue }
            guard s.type != 8 /* SHT_NOBITS */, s.offset + s.size <= b.count else { return .unreadable("a truncated \(sectionName) section") }
            guard let parsed = UnitSummary.parseSection(Array(b[s.offset..<s.offset + s.size])) else {
                return .unreadable("its \(sectionName) section is not a summary this version of stackless reads (rebuild it)")
            }
            summaries += parsed
        }
        if summaries.isEmpty && lto {
            return .unreadable("a GCC LTO object (-flto): its summary is read only from the linked program; run `stackless check` on the program instead")
        }
        return .summaries(summaries)
    }
}
