"""What the core's errors say: one table from each error code to its English and its Vietnamese sentence.

The core raises `CanvassError(code, **params)` (canvass/errors.py); nothing parses a sentence back. `str(exc)`
is the English text (logs, tests, `--json`); the window and the command line show `text(exc, lang)`, Vietnamese
by default (`CANVASS_LANG=en` for English on the command line). Both languages sit in this one table so the
command line, which must not import the window's Qt catalogue, and the window say the same thing; a test walks
every code and checks both texts and their parameters. The importer's own words sit here too, for the
same reason: FILE_ERRORS (a file that cannot be imported), ROW_NOTES and VALUED_NOTES (a row's reason or
warning, a sheet's problem: `row_note`) and FIELD_NAMES (the import fields: `field_name`).

Templates use str.format fields; `{x!r}` quotes a value the person typed.
"""
from __future__ import annotations

import os
from typing import Mapping, Optional

MESSAGES: dict[str, tuple[str, str]] = {
    "cancelled": ("cancelled: nothing was changed", "đã dừng theo yêu cầu: chưa thay đổi gì"),
    # typed input
    "phone_unusable": ("{text!r} is not a usable phone number", "“{text}” không phải số điện thoại dùng được"),
    "date_invalid": ("{what} {value!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                     "{what} “{value}” không phải là ngày (YYYY-MM-DD hoặc DD/MM/YYYY)"),
    "time_invalid": ("visit time {value!r} is not HH:MM", "giờ xác minh “{value}” không đúng dạng HH:MM"),
    "datetime_invalid": ("visit date {value!r} is not a date and time (YYYY-MM-DDTHH:MM)",
                         "ngày xác minh “{value}” không phải là ngày giờ (YYYY-MM-DDTHH:MM)"),
    "as_of_future": ("as-of date {day} is after today", "ngày báo cáo {day} ở sau hôm nay"),
    # teams and hamlets
    "team_kind_unknown": ("unknown team kind {kind!r}; expected one of {choices}",
                          "loại tổ “{kind}” không có; chọn một trong: {choices}"),
    "team_name_missing": ("a team needs a name", "tổ cần có tên"),
    "team_name_taken": ("a team named {name!r} already exists", "đã có tổ tên “{name}”"),
    "hamlet_id_unknown": ("no hamlet with id {id}", "không có thôn mã số {id}"),
    "hamlet_ambiguous": ("{text!r} names several hamlets; use the hamlet id",
                         "“{text}” trùng tên nhiều thôn; hãy dùng mã số thôn"),
    "hamlet_unknown": ("no hamlet named {text!r}", "không có thôn tên “{text}”"),
    "team_id_unknown": ("no team with id {id}", "không có tổ mã số {id}"),
    "team_unknown": ("no team named {text!r}", "không có tổ tên “{text}”"),
    "team_retired_already": ("team {name!r} is already retired", "tổ “{name}” đã giải thể rồi"),
    "team_merged_already": ("team {name!r} was merged into another team", "tổ “{name}” đã được gộp vào tổ khác"),
    "team_merge_self": ("a team cannot be merged into itself", "không thể gộp một tổ vào chính nó"),
    "team_merge_into_retired": ("team {name!r} is retired; merge into a working team",
                                "tổ “{name}” đã giải thể; hãy gộp vào một tổ đang hoạt động"),
    "team_merge_source_merged": ("team {name!r} was already merged", "tổ “{name}” đã được gộp trước đó"),
    "team_retired_no_assign": ("team {name!r} is retired and takes no new assignments",
                               "tổ “{name}” đã giải thể, không nhận thêm công dân"),
    # assignment
    "residents_unknown": ("{count} resident(s) not found (first id {first})",
                          "không tìm thấy {count} công dân (mã đầu tiên {first})"),
    "household_unknown": ("no household with id {id}", "không có hộ mã số {id}"),
    "balance_no_team": ("balancing needs at least one team", "hãy chọn ít nhất một tổ để chia công dân"),
    "assign_mode_missing": ("choose one of --by-hamlet, --balance, or --team T / --unassign",
                            "chọn một trong --by-hamlet, --balance, hoặc --team T / --unassign"),
    "balance_needs_hamlet": ("--balance needs one --hamlet", "--balance cần một --hamlet"),
    "balance_needs_teams": ("--balance needs --teams T1,T2", "--balance cần --teams T1,T2"),
    "assign_whom_missing": ("name the residents (--resident CCCD ...) or the households (--household ID ...)",
                            "hãy nêu công dân (--resident CCCD ...) hoặc hộ (--household ID ...)"),
    "household_id_not_number": ("households are named by their id (a number)", "hộ được nêu bằng mã số (một số)"),
    # residents and visits
    "resident_id_unknown": ("no resident with id {id}", "không có công dân mã số {id}"),
    "resident_cccd_unknown": ("no resident with CCCD {key!r}", "không có công dân có số định danh “{key}”"),
    "visit_id_unknown": ("no visit with id {id}", "không có lần xác minh mã số {id}"),
    "outcome_unknown": ("unknown outcome {outcome!r}; expected one of {choices}",
                        "kết quả “{outcome}” không có; chọn một trong: {choices}"),
    "outcome_needs_reason": ("outcome {outcome!r} needs a reason: {choices}",
                             "kết quả này cần có lý do"),
    "reason_unknown": ("unknown reason {reason!r} for {outcome!r}; expected one of {choices}",
                       "lý do “{reason}” không dùng cho kết quả “{outcome}”; chọn một trong: {choices}"),
    "reason_not_taken": ("unknown reason {reason!r} for {outcome!r}; it takes no reason",
                         "kết quả “{outcome}” không cần lý do"),
    "reason_other_needs_note": ("reason 'other' needs a note saying what it is",
                                "“lý do khác” cần ghi chú nói rõ lý do"),
    "visit_in_future": ("visit date {day} is after today", "ngày đến ({day}) không được sau hôm nay"),
    "revisit_date_without_revisit": ("a revisit date goes with outcome 'revisit'",
                                     "ngày hẹn quay lại chỉ đi với kết quả “hẹn quay lại”"),
    # campaign
    "deadline_invalid": ("deadline {value!r} is not a time HH:MM (e.g. 15:30)",
                         "giờ báo cáo “{value}” không đúng dạng HH:MM (ví dụ 15:30)"),
    "campaign_new_incomplete": ("a new campaign needs a name, a start date and an end date",
                                "chiến dịch mới cần có tên, ngày bắt đầu và ngày kết thúc"),
    "campaign_name_empty": ("the campaign name is empty", "tên chiến dịch đang để trống"),
    "campaign_end_before_start": ("campaign end {end} is before its start {start}",
                                  "ngày kết thúc chiến dịch ({end}) trước ngày bắt đầu ({start})"),
    "quota_negative": ("the quota per team per day cannot be negative",
                       "chỉ tiêu mỗi tổ mỗi ngày không thể là số âm"),
    "campaign_missing": ("no campaign yet: set one first (canvass campaign set --name ... --start ... --end ...)",
                         "chưa có chiến dịch: hãy tạo trước (canvass campaign set --name ... --start ... --end ...)"),
    "phase_end_before_start": ("phase {name!r} ends before it starts", "đợt “{name}” kết thúc trước khi bắt đầu"),
    "phase_spec_invalid": ("phase {spec!r} is not NAME:START:END", "đợt “{spec}” không đúng dạng TÊN:BẮT_ĐẦU:KẾT_THÚC"),
    "target_negative": ("a target cannot be negative", "chỉ tiêu không thể là số âm"),
    "target_not_number": ("target {value!r} is not a number (or 'default')",
                          "chỉ tiêu “{value}” không phải là số (hoặc 'default')"),
    # importing
    "partial_list": ("this list would mark {would_activate} of the {open_residents} open residents of its hamlets "
                     "as activated per system (over {share:.0%}); nothing was written: import it as complete "
                     "(--complete) or as a supplement (--supplement)",
                     "danh sách này sẽ đánh dấu {would_activate}/{open_residents} công dân chưa kích hoạt của các "
                     "thôn trong tệp là \"đã kích hoạt theo hệ thống\" (quá {share:.0%}); chưa ghi gì. Hãy chọn "
                     "nhập là danh sách đầy đủ (--complete) hay danh sách bổ sung (--supplement)"),
    "older_list": ("a newer list was already imported for these hamlets: this older list marked nobody activated "
                   "and changed nobody the newer list set",
                   "các thôn này đã có danh sách mới hơn: danh sách cũ này không đánh dấu ai đã kích hoạt và không "
                   "thay đổi người mà danh sách mới đã cập nhật"),
    "bad_id": ("not a valid CCCD or CMND: {error}", "không phải số định danh hợp lệ (CCCD 12 số hoặc CMND 9 số)"),
    "id_taken": ("resident #{resident_id} already has this ID", "công dân #{resident_id} đã có số định danh này"),
    # backups (canvass.backup.BackupError: "backup_" + its short code)
    "backup_not_sqlite": ("a database on a server is backed up by its administrator (pg_dump), not by Gõ Cửa",
                          "cơ sở dữ liệu trên máy chủ do người quản trị máy chủ sao lưu (pg_dump), không phải Gõ Cửa"),
    "backup_not_found": ("the file or its folder does not exist", "tệp hoặc thư mục chứa tệp không tồn tại"),
    "backup_not_ours": ("this file is not a Gõ Cửa database; nothing was changed",
                        "tệp này không phải cơ sở dữ liệu Gõ Cửa; không có gì bị thay đổi"),
    "backup_newer": ("this backup was made by a newer version of Gõ Cửa; update the program first. Nothing was "
                     "changed", "bản sao lưu này do phiên bản Gõ Cửa mới hơn tạo ra; hãy cập nhật chương trình "
                     "trước. Không có gì bị thay đổi"),
    "backup_damaged": ("this backup is damaged; choose another one. Nothing was changed",
                       "bản sao lưu này bị hỏng; hãy chọn bản khác. Không có gì bị thay đổi"),
    "backup_same_file": ("this file is the open database itself; choose a backup",
                         "tệp này chính là cơ sở dữ liệu đang mở; hãy chọn một bản sao lưu"),
    "backup_busy": ("another window or program keeps writing to the database; close it, then try again. Nothing "
                    "was changed", "một cửa sổ hoặc chương trình khác đang ghi vào cơ sở dữ liệu; hãy đóng nó rồi "
                    "thử lại. Không có gì bị thay đổi"),
    # reading photos of walk lists
    "scan_needs_pdftoppm": ("reading a PDF needs pdftoppm (poppler-utils)",
                            "đọc tệp PDF cần chương trình pdftoppm (gói poppler-utils)"),
    "scan_no_file": ("no file {name!r}", "không có tệp “{name}”"),
    "team_ambiguous": ("{text!r} names several teams; use the team id", "“{text}” trùng tên nhiều tổ; hãy dùng mã số tổ"),
    "team_has_no_residents": ("team {name!r} has no residents assigned", "tổ “{name}” chưa được giao công dân nào"),
    "resident_unknown": ("no resident {key!r}", "không có công dân “{key}”"),
    "limit_negative": ("--limit must be 0 or more", "--limit phải từ 0 trở lên"),
    # files and exports
    "folder_missing": ("folder {folder!r} does not exist", "thư mục “{folder}” không tồn tại"),
    "file_missing": ("file {name!r} does not exist", "tệp “{name}” không tồn tại"),
    "file_not_writable": ("cannot write {name}: you may not write in that folder, or the file is open in another "
                          "program (such as Excel)", "không ghi được {name}: không có quyền ghi vào thư mục đó, "
                          "hoặc tệp đang mở trong chương trình khác (như Excel)"),
    "export_kind_unknown": ("unknown export kind {kind!r}; expected one of {choices}",
                            "không có loại tài liệu “{kind}”; chọn một trong: {choices}"),
    "export_format_unknown": ("cannot export to {suffix!r}; use .xlsx, .pdf or .csv",
                              "không xuất được ra “{suffix}”; hãy dùng .xlsx, .pdf hoặc .csv"),
    "report_whole_commune": ("the daily report covers the whole commune; it takes no hamlet or team",
                             "báo cáo ngày tính cho cả xã; không chọn thôn hay tổ"),
    "pdf_too_many_rows": ("{rows} rows are too many for a PDF (at most {limit}); export to .xlsx or .csv",
                          "{rows} dòng là quá nhiều cho một tệp PDF (tối đa {limit}); hãy xuất ra Excel (.xlsx) hoặc CSV"),
    "sheet_too_many_rows": ("{rows} rows do not fit in one worksheet; export to .csv or one sheet per hamlet",
                            "{rows} dòng không vừa một trang tính; hãy xuất ra CSV hoặc mỗi thôn một trang"),
    # team packs
    "pack_needs_xlsx": ("a team pack is written as an .xlsx file", "gói của tổ được ghi thành tệp .xlsx"),
    "pack_too_large": ("{name} is far too large for a team pack", "“{name}” quá lớn để là gói của tổ"),
    "workbook_unreadable": ("{name} is not a readable .xlsx workbook", "“{name}” không phải tệp Excel (.xlsx) đọc được"),
    "pack_not_a_pack": ("this file is not a team pack (its hidden sheet is missing)",
                        "tệp này không phải gói của tổ (thiếu trang ẩn)"),
    "pack_hidden_changed": ("the pack's hidden sheet was changed: nothing was applied",
                            "trang ẩn của gói đã bị sửa: không ghi gì"),
    "pack_unknown": ("unknown pack: it was not exported from this database (or its hidden sheet was changed)",
                     "gói này không được xuất từ cơ sở dữ liệu này (hoặc trang ẩn đã bị sửa)"),
    "pack_none_exported": ("this database has never exported a pack", "cơ sở dữ liệu này chưa xuất gói nào cho tổ"),
    "pack_main_sheet_broken": ("the pack's main sheet is missing or has lost its header row with the fill-in columns",
                               "trang chính của gói bị mất hoặc mất dòng tiêu đề có các cột điền kết quả"),
    # creating a database
    "file_exists": ("{name} already exists", "tệp {name} đã có"),
    "commune_name_missing": ("the commune needs a name", "xã/phường cần có tên"),
    # the shared server: logins and rights (canvass/server.py)
    "server_needs_postgres": ("this command needs a PostgreSQL server (--db postgresql+psycopg://...)",
                              "lệnh này cần máy chủ PostgreSQL (--db postgresql+psycopg://...)"),
    "server_not_owner": ("only the owner of the database's tables (or a superuser) can set the server up",
                         "chỉ chủ sở hữu các bảng của cơ sở dữ liệu (hoặc siêu quản trị) mới thiết lập được máy chủ"),
    "server_not_initialised": ("the server is not set up for logins yet: run `canvass server init` first",
                               "máy chủ chưa được thiết lập tài khoản: hãy chạy `canvass server init` trước"),
    "login_invalid": ("{login!r} is not a usable login: 2 to 41 lower-case letters, digits or _, starting with a "
                      "letter (not canvass_ or pg_)",
                      "“{login}” không dùng làm tên đăng nhập được: 2 đến 41 chữ thường không dấu, chữ số hoặc _, "
                      "bắt đầu bằng chữ (không bắt đầu bằng canvass_ hay pg_)"),
    "login_taken": ("a login named {login!r} already exists on this server",
                    "máy chủ đã có tên đăng nhập “{login}”"),
    "login_unknown": ("no login named {login!r}", "không có tên đăng nhập “{login}”"),
    "role_unknown": ("unknown role {role!r}; expected one of {choices}",
                     "vai trò “{role}” không có; chọn một trong: {choices}"),
    "role_needs_commune": ("a {role} login needs --commune", "tài khoản vai trò {role} cần --commune"),
    "role_needs_team": ("a {role} login needs --team", "tài khoản vai trò {role} cần --team"),
    "password_too_short": ("the password needs at least {minimum} characters",
                           "mật khẩu cần ít nhất {minimum} ký tự"),
    "password_mismatch": ("the two passwords differ", "hai lần nhập mật khẩu không khớp"),
    "password_missing": ("no password: set CANVASS_NEW_PASSWORD or type it at the prompt",
                         "chưa có mật khẩu: đặt CANVASS_NEW_PASSWORD hoặc gõ khi được hỏi"),
    "login_refused": ("the server refused the login {login!r} with this password",
                      "máy chủ từ chối tên đăng nhập “{login}” với mật khẩu này"),
    # a police login's import refused by the shared server's rights (canvass.importing.reconcile._refused)
    "import_commune_not_on_server": (
        "the list names the commune {commune!r}, which is not on this server for your login: the server's owner "
        "must add it first (`canvass commune add`); nothing was imported",
        "danh sách ghi xã/phường “{commune}”, chưa có trên máy chủ cho tài khoản của bạn: chủ máy chủ cần thêm "
        "xã/phường đó trước (`canvass commune add`); chưa nhập gì"),
    "import_cccd_in_other_commune": (
        "row {row} of sheet {sheet!r}: its CCCD is already held by a resident of another commune on this server; "
        "correct the row or ask the province to move that resident; nothing was imported",
        "dòng {row} của trang “{sheet}”: số CCCD của dòng này đã thuộc về một người ở xã/phường khác trên máy chủ; "
        "hãy sửa dòng đó hoặc nhờ cấp tỉnh chuyển người đó; chưa nhập gì"),
    "commune_name_taken": ("a commune named {name!r} already exists", "đã có xã/phường “{name}”"),
    "commune_unknown": ("no commune named {text!r}; `canvass commune list` shows them",
                        "không có xã/phường “{text}”; lệnh `canvass commune list` liệt kê các xã/phường"),
    "commune_ambiguous": ("{text!r} names several communes; use the commune id",
                          "“{text}” trùng tên nhiều xã/phường; hãy dùng mã số xã/phường"),
    "commune_required": ("this database holds several communes ({choices}); say which with --commune",
                         "cơ sở dữ liệu có nhiều xã/phường ({choices}); hãy chọn bằng --commune"),
    "team_in_several_communes": ("{text!r} is a team of several communes ({communes}); say which with --commune",
                                 "“{text}” là tên tổ ở nhiều xã/phường ({communes}); hãy chọn bằng --commune"),
    "hamlet_in_several_communes": ("{text!r} is a hamlet of several communes ({communes}); say which with "
                                   "--commune",
                                   "“{text}” là tên thôn ở nhiều xã/phường ({communes}); hãy chọn bằng --commune"),
    "team_merge_other_commune": ("{name!r} is a team of another commune: teams merge only within a commune",
                                 "“{name}” là tổ của xã/phường khác: chỉ gộp được các tổ cùng xã/phường"),
    "allocation_total_negative": ("the total to allocate cannot be negative ({total})",
                                  "chỉ tiêu cần phân bổ không được âm ({total})"),
    "allocation_nothing_remaining": ("no commune has residents left to activate: nothing to allocate in "
                                     "proportion to",
                                     "không xã/phường nào còn công dân chưa kích hoạt: không có căn cứ để phân bổ"),
    "commune_none_in_area": ("no commune in province {province!r} district {district!r}",
                             "không có xã/phường nào thuộc tỉnh “{province}” huyện “{district}”"),
}

# The importer's own words (canvass.importing), in the same two languages, for the window's import wizard and
# the command line alike.
# A file that cannot be imported, by `ImportFileError.code` (its `str()` keeps the technical English detail).
FILE_ERRORS: dict[str, tuple[str, str]] = {
    "not_found": ("The file does not exist.", "Tệp không tồn tại."),
    "not_spreadsheet": ("This is not a spreadsheet or CSV list.", "Đây không phải bảng tính hay danh sách CSV."),
    "encrypted": ("The workbook is protected by a password: open it in Excel, remove the password, save, and "
                  "import again.",
                  "Bảng tính có mật khẩu: hãy mở bằng Excel, bỏ mật khẩu, lưu lại rồi nhập lại."),
    "unsafe": ("The file looks unsafe (far too large once unpacked) and was not read.",
               "Tệp có dấu hiệu không an toàn (quá lớn khi giải nén) nên không được đọc."),
    "empty": ("The file holds no data.", "Tệp không có dữ liệu."),
    "no_header": ("No header row with a name column was found in the first rows.",
                  "Không tìm thấy dòng tiêu đề có cột họ tên ở các dòng đầu."),
    "no_data": ("The list has a header but no residents.", "Danh sách có tiêu đề nhưng không có công dân nào."),
    "unreadable": ("The file cannot be read.", "Không đọc được tệp."),
    "no_sheet": ("None of the chosen sheets is in the file.", "Tệp không có trang tính nào đã chọn."),
    "cell_too_large": ("A cell starting on line {row} is far too long (over 131,072 characters): the file is "
                       "damaged or is not a list.",
                       "Một ô bắt đầu ở dòng {row} dài quá mức (hơn 131.072 ký tự): tệp bị hỏng hoặc không phải "
                       "danh sách."),
}
# A row's reason for rejection, a row's or a value's warning, a sheet's problem: the importer's stable English
# phrase (ids/phones/dates W_* E_*, importing.rows R_* W_*, the header guesser's problems) is its code.
ROW_NOTES: dict[str, tuple[str, str]] = {
    "no name": ("No name", "Không có họ tên"),
    "no CCCD": ("No personal ID number", "Không có số định danh cá nhân"),
    "no hamlet": ("No hamlet: put in the group “(Chưa rõ thôn)”; map the hamlet column or type the hamlet",
                  "Không có thôn: xếp vào nhóm “(Chưa rõ thôn)”; hãy chọn cột thôn hoặc gõ tên thôn"),
    "birth year differs from the CCCD": ("Birth year differs from the ID number",
                                         "Năm sinh khác với năm sinh trong số định danh"),
    "unknown gender": ("Unknown gender", "Không rõ giới tính"),
    "was activated per system; back on the list": ("Was activated per system; back on the list",
                                                   "Đã kích hoạt theo hệ thống; nay có lại trong danh sách"),
    "old 9-digit CMND kept": ("Old 9-digit ID card number kept", "Giữ số CMND cũ 9 chữ số"),
    "leading zeros restored": ("Leading zeros restored", "Đã bổ sung số 0 ở đầu"),
    "unknown province code": ("Unknown province code", "Mã tỉnh không xác định"),
    "empty": ("empty", "để trống"),
    "digits lost (number shown in scientific notation)": ("digits lost (number shown in scientific notation)",
                                                          "mất chữ số (số bị hiển thị dạng lũy thừa)"),
    "not a number": ("not a number", "không phải là số"),
    "wrong number of digits": ("wrong number of digits", "sai số chữ số"),
    "not a whole number": ("not a whole number", "không phải số nguyên"),
    "old 11-digit prefix converted": ("Old 11-digit prefix converted", "Đã chuyển đầu số 11 chữ số cũ"),
    "two numbers in one cell": ("Two numbers in one cell", "Hai số trong một ô"),
    "not a valid number": ("Not a valid number", "Số không hợp lệ"),
    "no digits": ("No digits", "Không có chữ số"),
    "foreign number": ("Foreign number", "Số nước ngoài"),
    "impossible date": ("Impossible date", "Ngày không tồn tại"),
    "day or month unknown": ("Day or month unknown", "Không rõ ngày hoặc tháng"),
    "date in the future": ("Date in the future", "Ngày ở tương lai"),
    "age above 120": ("Age above 120", "Tuổi trên 120"),
    "date number out of range": ("Date number out of range", "Số ngày ngoài phạm vi"),
    "not a date": ("Not a date", "Không phải ngày tháng"),
    "no CCCD column": ("No ID number column.", "Không có cột số định danh."),
    "empty sheet": ("Empty sheet.", "Trang tính trống."),
    "no data rows": ("No data rows.", "Không có dòng dữ liệu."),
    "no hamlet column": ("No hamlet column: map one, or type the hamlet on the first page.",
                         "Không có cột thôn: hãy chọn một cột, hoặc nhập tên thôn ở trang đầu."),
    "no header row found": ("No header row found.", "Không tìm thấy dòng tiêu đề."),
}
# A row's note with values (canvass.importing.rows.Note), by its code: {problem} is a ROW_NOTES phrase, {row}
# the earlier row, {fields} the import fields that differ (FIELD_NAMES).
VALUED_NOTES: dict[str, tuple[str, str]] = {
    "bad_id": ("ID number: {problem}", "Số định danh: {problem}"),
    "duplicate_cccd": ("Same ID number as row {row}; differs in: {fields}",
                       "Trùng số định danh với dòng {row}; khác ở: {fields}"),
    "same_person": ("Same person (name, birth, hamlet) as row {row}; differs in: {fields}",
                    "Cùng một người (họ tên, năm sinh, thôn) với dòng {row}; khác ở: {fields}"),
}
# The import fields a list's columns map to (canvass.importing.headers), as a person names them.
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "": ("(not imported)", "(không nhập)"),
    "extra": ("(kept as extra information)", "(giữ làm thông tin thêm)"),
    "stt": ("Row number", "Số thứ tự"),
    "name": ("Full name", "Họ và tên"),
    "dob": ("Date of birth", "Ngày sinh"),
    "gender": ("Gender", "Giới tính"),
    "cccd": ("Personal ID number", "Số định danh cá nhân"),
    "phone": ("Phone number", "Số điện thoại"),
    "household_no": ("Household number", "Số hộ"),
    "head_name": ("Head of household", "Chủ hộ"),
    "relation": ("Relation to the head", "Quan hệ với chủ hộ"),
    "hamlet": ("Hamlet", "Thôn"),
    "address": ("Permanent address", "Nơi thường trú"),
    "account_level": ("Account level", "Mức độ tài khoản"),
    "source_status": ("Status on the list", "Trạng thái trong danh sách"),
    "note": ("Note", "Ghi chú"),
    "commune": ("Commune", "Xã"),
}

LANGUAGES = ("vi", "en")


def render(code: str, params: Mapping[str, object], lang: str = "en",
           table: Mapping[str, tuple[str, str]] = MESSAGES) -> str:
    """The sentence of a code of `table` in a language ("vi" or "en"); an unknown code is returned as it is."""
    texts = table.get(code)
    if texts is None:
        return code
    template = texts[1] if lang == "vi" else texts[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):   # a parameter missing: still say something readable
        return texts[0] if lang != "vi" else template


def cli_language() -> str:
    """The command line's language: Vietnamese (the users' language) unless CANVASS_LANG=en."""
    lang = (os.environ.get("CANVASS_LANG") or "vi").strip().lower()[:2]
    return lang if lang in LANGUAGES else "vi"


def text(exc: BaseException, lang: str = "vi") -> str:
    """One sentence for a person from a core error: its code's text in the language (from the error's own
    table, `texts`, where it has one: an ImportFileError's is FILE_ERRORS), else its own English."""
    code = getattr(exc, "code", None)
    table = getattr(exc, "texts", MESSAGES)
    if isinstance(code, str) and code in table:
        return render(code, getattr(exc, "params", {}) or {}, lang, table)
    return str(exc)


def field_name(field: Optional[str], lang: str = "vi") -> str:
    """A person's name for an import field ('' or None: a column that is not imported); an unknown field as
    it is."""
    return render(field or "", {}, lang, FIELD_NAMES) if (field or "") in FIELD_NAMES else (field or "")


def row_note(message: str, lang: str = "vi") -> str:
    """An importer's row reason, warning or sheet problem in a language, from its code and values (a fixed
    phrase is its own code; a rows.Note carries its code and values); an unknown one passes as its English."""
    if not message:
        return ""
    code, params = getattr(message, "code", message), getattr(message, "params", {})
    if code in VALUED_NOTES:
        shown = {"row": params.get("row", "?"), "problem": row_note(params.get("problem", ""), lang),
                 "fields": ", ".join(field_name(f, lang) for f in params.get("fields", ()))}
        return render(code, shown, lang, VALUED_NOTES)
    if code in ROW_NOTES:
        return render(code, {}, lang, ROW_NOTES)
    return str(message)


__all__ = ["MESSAGES", "FILE_ERRORS", "ROW_NOTES", "VALUED_NOTES", "FIELD_NAMES", "LANGUAGES", "render", "text",
           "cli_language", "field_name", "row_note"]
