<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>BackupDialogs</name>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="38"/>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="46"/>
        <source>Back up</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="51"/>
        <source>Back up the database</source>
        <translation>Sao lưu cơ sở dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="52"/>
        <source>Gõ Cửa database (*.db)</source>
        <translation>Cơ sở dữ liệu Gõ Cửa (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="56"/>
        <source>Copying the database…</source>
        <translation>Đang sao chép cơ sở dữ liệu…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="62"/>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="64"/>
        <source>Wait until the work under way has finished, then restore.</source>
        <translation>Hãy chờ công việc đang chạy xong rồi mới khôi phục.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="70"/>
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="71"/>
        <source>Gõ Cửa database (*.db);;All files (*)</source>
        <translation>Cơ sở dữ liệu Gõ Cửa (*.db);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="74"/>
        <source>Replace everything in the open database with the backup “%1”?

The database as it is now is kept first in the backups folder, so this can be undone.</source>
        <translation>Thay toàn bộ dữ liệu đang mở bằng bản sao lưu “%1”?

Cơ sở dữ liệu hiện tại được giữ lại trước trong thư mục backups, nên có thể hoàn tác.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/backup_dialogs.py" line="80"/>
        <source>Restoring the backup…</source>
        <translation>Đang khôi phục bản sao lưu…</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="38"/>
        <source>Campaign settings</source>
        <translation>Thiết lập chiến dịch</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="52"/>
        <source>Activations each team is asked for per day</source>
        <translation>Số tài khoản mỗi tổ cần kích hoạt mỗi ngày</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="57"/>
        <source>Hamlets report by this time every day</source>
        <translation>Các thôn báo cáo trước giờ này hằng ngày</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="61"/>
        <source>Phase</source>
        <translation>Đợt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="61"/>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="61"/>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="67"/>
        <source>&amp;Add phase</source>
        <translation>Thê&amp;m đợt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="69"/>
        <source>Phase %1</source>
        <translation>Đợt %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="71"/>
        <source>&amp;Remove phase</source>
        <translation>&amp;Xoá đợt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="78"/>
        <source>Hamlet</source>
        <translation>Thôn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="78"/>
        <source>On the list</source>
        <translation>Trong danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="78"/>
        <source>Target</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="84"/>
        <source>A hamlet without a target counts every resident on its list</source>
        <translation>Thôn chưa đặt chỉ tiêu thì chỉ tiêu là toàn bộ công dân trong danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="92"/>
        <source>(all on the list)</source>
        <translation>(toàn bộ danh sách)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="106"/>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="107"/>
        <source>&amp;Start:</source>
        <translation>&amp;Bắt đầu:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="108"/>
        <source>&amp;End:</source>
        <translation>&amp;Kết thúc:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="109"/>
        <source>&amp;Quota per team per day:</source>
        <translation>&amp;Chỉ tiêu mỗi tổ mỗi ngày:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="110"/>
        <source>Report &amp;deadline:</source>
        <translation>&amp;Giờ báo cáo:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="117"/>
        <source>Phases (đợt):</source>
        <translation>Các đợt:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="120"/>
        <source>Hamlet targets:</source>
        <translation>Chỉ tiêu từng thôn:</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="22"/>
        <source>Absent residents list</source>
        <translation>Danh sách công dân vắng mặt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="23"/>
        <source>Cannot-activate list (for the People&apos;s Committee)</source>
        <translation>Danh sách công dân không thể kích hoạt (UBND xã xác nhận)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="25"/>
        <source>Wrong phone numbers (police task list)</source>
        <translation>Danh sách sai số điện thoại (công an xử lý)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="27"/>
        <source>Activated residents list</source>
        <translation>Danh sách công dân đã kích hoạt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="28"/>
        <source>Walk list for a team</source>
        <translation>Danh sách đi thăm của tổ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="29"/>
        <source>Daily report</source>
        <translation>Báo cáo ngày</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="31"/>
        <source>Province report (one row per commune)</source>
        <translation>Báo cáo tỉnh (mỗi xã, phường một dòng)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="63"/>
        <source>Export a document</source>
        <translation>Xuất tài liệu</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="76"/>
        <source>The communes the province report covers</source>
        <translation>Các xã, phường mà báo cáo tỉnh bao gồm</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="77"/>
        <source>Every commune in the database</source>
        <translation>Mọi xã, phường trong cơ sở dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="80"/>
        <source>Which document to make</source>
        <translation>Tài liệu cần lập</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="83"/>
        <source>Only the residents of one hamlet</source>
        <translation>Chỉ công dân của một thôn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="84"/>
        <source>All hamlets</source>
        <translation>Tất cả các thôn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="87"/>
        <source>Only the residents given to one team</source>
        <translation>Chỉ công dân đã giao cho một tổ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="88"/>
        <source>All teams</source>
        <translation>Tất cả các tổ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="99"/>
        <source>The date the document is made for (a past day gives that day&apos;s figures)</source>
        <translation>Ngày lập tài liệu (chọn ngày đã qua để có số liệu của ngày đó)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="100"/>
        <source>Hide ID and phone numbers (show only the last digits)</source>
        <translation>Ẩn số định danh và số điện thoại (chỉ hiện vài số cuối)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="102"/>
        <source>For lists that leave the police station</source>
        <translation>Dùng cho danh sách gửi ra ngoài trụ sở công an</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="103"/>
        <source>One sheet per hamlet</source>
        <translation>Mỗi thôn một trang tính</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="105"/>
        <source>Each hamlet on its own page, to hand to its head</source>
        <translation>Mỗi thôn một trang, để giao cho trưởng thôn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="108"/>
        <source>Excel to edit or send on, PDF to print</source>
        <translation>Excel để sửa hoặc gửi tiếp, PDF để in</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="109"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Bảng tính Excel (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="110"/>
        <source>PDF for printing (.pdf)</source>
        <translation>PDF để in (.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="111"/>
        <source>CSV text (.csv), for very large lists</source>
        <translation>Văn bản CSV (.csv), cho danh sách rất lớn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="114"/>
        <source>&amp;Document:</source>
        <translation>Tài &amp;liệu:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="115"/>
        <source>A&amp;rea:</source>
        <translation>&amp;Khu vực:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="116"/>
        <source>&amp;Hamlet:</source>
        <translation>T&amp;hôn:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="117"/>
        <source>&amp;Team:</source>
        <translation>&amp;Tổ:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="118"/>
        <source>&amp;As of:</source>
        <translation>Tính đến &amp;ngày:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="121"/>
        <source>&amp;Format:</source>
        <translation>Định &amp;dạng:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="192"/>
        <source>Save the document</source>
        <translation>Lưu tài liệu</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="205"/>
        <source>Choose where to save the document.</source>
        <translation>Hãy chọn nơi lưu tài liệu.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="219"/>
        <source>Writing the document…</source>
        <translation>Đang lập tài liệu…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="225"/>
        <source>Saved: %1 row(s).
%2</source>
        <translation>Đã lưu: %1 dòng.
%2</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="56"/>
        <source>Choose the list</source>
        <translation>Chọn danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="57"/>
        <source>The Excel (.xlsx, .xls), LibreOffice (.ods) or CSV list of residents whose account is approved but not activated.</source>
        <translation>Danh sách (Excel .xlsx, .xls; LibreOffice .ods hoặc CSV) công dân đã được phê duyệt tài khoản định danh điện tử nhưng chưa kích hoạt.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="61"/>
        <source>The file to import</source>
        <translation>Tệp cần nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="63"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="65"/>
        <source>Choose the list the police sent (Excel, LibreOffice or CSV)</source>
        <translation>Chọn danh sách công an gửi (Excel, LibreOffice hoặc CSV)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="69"/>
        <source>Only if the list has no hamlet column, e.g. Thôn Nà Thí</source>
        <translation>Chỉ khi danh sách không có cột thôn, ví dụ Thôn Nà Thí</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="70"/>
        <source>The hamlet of every resident of a list that does not say it</source>
        <translation>Thôn của mọi công dân khi danh sách không ghi thôn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="80"/>
        <source>&amp;File:</source>
        <translation>&amp;Tệp:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="83"/>
        <source>&amp;Hamlet:</source>
        <translation>T&amp;hôn:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="90"/>
        <source>Open a list of residents</source>
        <translation>Mở danh sách công dân</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="92"/>
        <source>Lists (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</source>
        <translation>Danh sách (*.xlsx *.xlsm *.xls *.ods *.csv);;Mọi tệp (*)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="34"/>
        <source>Import a list of residents</source>
        <translation>Nhập danh sách công dân</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="65"/>
        <source>Reading the list</source>
        <translation>Đang đọc danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="153"/>
        <source>Residents&apos; rows read</source>
        <translation>Số dòng công dân đã đọc</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="154"/>
        <source>New residents</source>
        <translation>Công dân mới</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="154"/>
        <source>Residents added</source>
        <translation>Công dân đã thêm</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="155"/>
        <source>Updated (changed since the last list)</source>
        <translation>Cập nhật (thay đổi so với danh sách trước)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="156"/>
        <source>Unchanged</source>
        <translation>Không thay đổi</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="157"/>
        <source>Duplicates (same person twice)</source>
        <translation>Trùng lặp (một người ghi hai lần)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="158"/>
        <source>Rejected rows</source>
        <translation>Dòng bị loại</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="159"/>
        <source>Warnings</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="164"/>
        <source>Activated per system (no longer on the list)</source>
        <translation>Đã kích hoạt theo hệ thống (không còn trong danh sách)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="166"/>
        <source>If you import, this will happen:</source>
        <translation>Nếu nhập, kết quả sẽ như sau:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="166"/>
        <source>The import is done:</source>
        <translation>Đã nhập xong:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="170"/>
        <source>%1 hamlet(s)</source>
        <translation>%1 thôn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="173"/>
        <source>%1 household(s)</source>
        <translation>%1 hộ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="177"/>
        <source>%1 of the %2 rows below the header are residents; the others are hamlet headings, totals or blank rows, which are not imported.</source>
        <translation>%1 trong %2 dòng dưới dòng tiêu đề là công dân; các dòng còn lại là tên thôn, dòng tổng cộng hoặc dòng trống, không được nhập.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="184"/>
        <source>Rejected</source>
        <translation>Bị loại</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="185"/>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="187"/>
        <source>Sheet</source>
        <translation>Trang tính</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="187"/>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="187"/>
        <source>What</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="187"/>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/wizard.py" line="187"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
</context>
<context>
    <name>KeyingModel</name>
    <message>
        <location filename="../../ui/models/keying_model.py" line="31"/>
        <source>#</source>
        <translation>STT</translation>
    </message>
    <message>
        <location filename="../../ui/models/keying_model.py" line="31"/>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <location filename="../../ui/models/keying_model.py" line="31"/>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/models/keying_model.py" line="32"/>
        <source>Born</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <location filename="../../ui/models/keying_model.py" line="32"/>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/models/keying_model.py" line="32"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../ui/models/keying_model.py" line="33"/>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/models/keying_model.py" line="33"/>
        <source>Visits</source>
        <translation>Số lần đến</translation>
    </message>
    <message>
        <location filename="../../ui/models/keying_model.py" line="106"/>
        <source>Last visit: %1</source>
        <translation>Ngày đến gần nhất: %1</translation>
    </message>
</context>
<context>
    <name>KeyingView</name>
    <message>
        <location filename="../../ui/views/keying.py" line="149"/>
        <source>The team whose walk list you are typing in</source>
        <translation>Tổ có danh sách đi thăm đang nhập</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="152"/>
        <source>Only this hamlet&apos;s residents</source>
        <translation>Chỉ công dân của thôn này</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="158"/>
        <source>The date written on the walk list; it stays for this session</source>
        <translation>Ngày ghi trên danh sách đi thăm; giữ nguyên cho cả lượt nhập</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="159"/>
        <source>&amp;Team:</source>
        <translation>&amp;Tổ:</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="161"/>
        <source>&amp;Hamlet:</source>
        <translation>T&amp;hôn:</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="163"/>
        <source>Visit &amp;date:</source>
        <translation>&amp;Ngày đến:</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="169"/>
        <source>Undo last entry</source>
        <translation>Hoàn tác lần nhập cuối</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="171"/>
        <source>Cancel the last outcome you typed (Ctrl+Z); it stays in the history</source>
        <translation>Hủy kết quả vừa nhập (Ctrl+Z); lịch sử vẫn được giữ</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="175"/>
        <source>Read photos of walk lists…</source>
        <translation>Đọc ảnh phiếu…</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="177"/>
        <source>Read the ticks from photos or scans of printed walk lists (or drop the photos here), check them, then record them</source>
        <translation>Đọc các dấu tích từ ảnh chụp hoặc bản quét phiếu đã in (hoặc thả ảnh vào đây), kiểm tra rồi ghi nhận</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="205"/>
        <source>Type the outcome of the highlighted resident: see the keys above</source>
        <translation>Gõ kết quả của công dân đang chọn: xem các phím ở trên</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="244"/>
        <source>&lt;b&gt;Enter&lt;/b&gt; next · &lt;b&gt;Ctrl+Z&lt;/b&gt; undo</source>
        <translation>&lt;b&gt;Enter&lt;/b&gt; người tiếp theo · &lt;b&gt;Ctrl+Z&lt;/b&gt; hoàn tác</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="255"/>
        <source>(residents of a hamlet, any team)</source>
        <translation>(công dân của một thôn, mọi tổ)</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="290"/>
        <source>All hamlets</source>
        <translation>Tất cả các thôn</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/keying.py" line="304"/>
        <source>%n resident(s) in this walk list.</source>
        <translation>
            <numerusform>%n công dân trong danh sách đi thăm này.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="364"/>
        <source>No entry made.</source>
        <translation>Chưa nhập gì.</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="396"/>
        <source>%1: %2 (%3 entered from this walk list)</source>
        <translation>%1: %2 (đã nhập %3 kết quả từ phiếu này)</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="406"/>
        <source>Nothing to undo.</source>
        <translation>Không có gì để hoàn tác.</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="420"/>
        <source>Undone: the entry for %1 no longer counts.</source>
        <translation>Đã hoàn tác: kết quả của %1 không còn được tính.</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="443"/>
        <source>Photos of walk lists</source>
        <translation>Ảnh phiếu xác minh</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="444"/>
        <source>Photos and scans (*.jpg *.jpeg *.png *.webp *.pdf)</source>
        <translation>Ảnh và bản quét (*.jpg *.jpeg *.png *.webp *.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="474"/>
        <source>%1 visit(s) recorded from the photos; %2 already recorded before.</source>
        <translation>Đã ghi %1 kết quả từ ảnh; %2 kết quả đã ghi từ trước.</translation>
    </message>
</context>
<context>
    <name>ListKindBox</name>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="24"/>
        <source>What kind of list is this?</source>
        <translation>Đây là loại danh sách nào?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="30"/>
        <source>&amp;Complete list: residents of its hamlets missing from it have activated</source>
        <translation>Danh sách đầy đủ (&amp;C): cư dân của các thôn trong danh sách mà không còn trong danh sách là đã kích hoạt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="33"/>
        <source>The whole current list of accounts not yet activated for the hamlets it covers</source>
        <translation>Toàn bộ danh sách tài khoản chưa kích hoạt hiện nay của các thôn trong danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="35"/>
        <source>&amp;Supplement (danh sách bổ sung, one team&apos;s list): add and update only, mark nobody activated</source>
        <translation>Danh sách bổ sung (&amp;S), danh sách của một tổ: chỉ thêm và cập nhật, không đánh dấu ai đã kích hoạt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="38"/>
        <source>A partial list: residents missing from it are left as they are</source>
        <translation>Danh sách không đầy đủ: cư dân không có trong danh sách được giữ nguyên</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="67"/>
        <source>This list would mark %1 of the %2 open residents of its hamlets as activated per system.</source>
        <translation>Danh sách này sẽ đánh dấu %1 trong số %2 cư dân chưa kích hoạt của các thôn trong danh sách là đã kích hoạt theo hệ thống.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="69"/>
        <source>A daily list marks a few in a hundred. Nothing is written until you say what kind of list it is.</source>
        <translation>Danh sách hằng ngày chỉ đánh dấu vài người trên một trăm. Chưa ghi gì cho đến khi bạn chọn loại danh sách.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="73"/>
        <source>Residents of its hamlets missing from the list: %1.</source>
        <translation>Cư dân của các thôn trong danh sách mà không còn trong danh sách: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="82"/>
        <source>as given</source>
        <translation>theo ngày đã nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="83"/>
        <source>from the list&apos;s heading</source>
        <translation>theo tiêu đề danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="84"/>
        <source>the list names no date: today</source>
        <translation>danh sách không ghi ngày: lấy ngày hôm nay</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="86"/>
        <source>Extracted on %1 (%2).</source>
        <translation>Trích xuất ngày %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="90"/>
        <source>Imported as the complete list.</source>
        <translation>Nhập như danh sách đầy đủ.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="91"/>
        <source>Imported as a supplement: nobody is marked activated.</source>
        <translation>Nhập như danh sách bổ sung: không đánh dấu ai là đã kích hoạt.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/list_kind.py" line="94"/>
        <source>A list extracted on %1 was already imported for these hamlets: this older list marks nobody activated, re-opens nobody and leaves %2 resident(s) as the newer list set them; it only adds residents never seen.</source>
        <translation>Đã nhập một danh sách trích xuất ngày %1 cho các thôn này: danh sách cũ hơn này không đánh dấu ai đã kích hoạt, không mở lại ai và giữ nguyên %2 cư dân theo danh sách mới hơn; chỉ thêm những cư dân chưa từng có.</translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="414"/>
        <source>Import log</source>
        <translation>Nhật ký nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="421"/>
        <source>&amp;Save the log…</source>
        <translation>&amp;Lưu nhật ký…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="423"/>
        <source>Save the rejected rows and warnings as CSV or Excel</source>
        <translation>Lưu các dòng bị loại và cảnh báo ra CSV hoặc Excel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="446"/>
        <source>Save the import log</source>
        <translation>Lưu nhật ký nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="447"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Bảng tính Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="463"/>
        <source>Log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="479"/>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login.py" line="24"/>
        <source>Log in to the server</source>
        <translation>Đăng nhập máy chủ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="26"/>
        <source>Server: %1</source>
        <translation>Máy chủ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="35"/>
        <source>&amp;Login:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="36"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="88"/>
        <source>The server refused this login and password.</source>
        <translation>Máy chủ không chấp nhận tên đăng nhập và mật khẩu này.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="93"/>
        <source>This login sees figures only (the server&apos;s figures views), not the window&apos;s lists.</source>
        <translation>Tài khoản này chỉ xem được số liệu tổng hợp (các bảng số liệu của máy chủ), không xem được danh sách trong cửa sổ.</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard/mapping.py" line="41"/>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/mapping.py" line="41"/>
        <source>Header in the file</source>
        <translation>Tiêu đề trong tệp</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/mapping.py" line="42"/>
        <source>Imported as</source>
        <translation>Nhập thành</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/mapping.py" line="42"/>
        <source>Examples</source>
        <translation>Ví dụ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/mapping.py" line="89"/>
        <source>Double-click or press F2 to choose what this column holds</source>
        <translation>Nhấp đúp hoặc nhấn F2 để chọn nội dung của cột này</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="112"/>
        <source>Check the columns</source>
        <translation>Kiểm tra các cột</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="113"/>
        <source>Tick the sheets to import. For each column, check what it holds; double-click a field to correct it.</source>
        <translation>Đánh dấu các trang tính cần nhập. Kiểm tra nội dung từng cột; nhấp đúp vào trường để sửa.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="117"/>
        <source>Ticked sheets are imported</source>
        <translation>Các trang tính được đánh dấu sẽ được nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="124"/>
        <source>The row of the file that holds the column headers</source>
        <translation>Dòng chứa tiêu đề cột trong tệp</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="132"/>
        <source>Double-click a field (or press F2) to choose what the column holds</source>
        <translation>Nhấp đúp vào trường (hoặc nhấn F2) để chọn nội dung của cột</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="140"/>
        <source>The first rows of the sheet, as they will be read</source>
        <translation>Các dòng đầu của trang tính, như sẽ được đọc</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="142"/>
        <source>Header &amp;row:</source>
        <translation>&amp;Dòng tiêu đề:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="191"/>
        <source>About %1 rows below the header (hamlet headings, totals and blank rows included; the preview counts the residents).</source>
        <translation>Khoảng %1 dòng dưới dòng tiêu đề (kể cả dòng tên thôn, dòng tổng cộng và dòng trống; bước xem trước sẽ đếm số công dân).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="194"/>
        <source>Hamlet taken from the sheet name: %1.</source>
        <translation>Thôn lấy theo tên trang tính: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="222"/>
        <source>The import will read the column headers from row %1.</source>
        <translation>Khi nhập sẽ đọc tiêu đề cột ở dòng %1.</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="35"/>
        <source>Record a visit outcome</source>
        <translation>Ghi kết quả đến nhà</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="43"/>
        <source>(choose the outcome)</source>
        <translation>(chọn kết quả)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="46"/>
        <source>What happened at the door</source>
        <translation>Kết quả khi đến nhà</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="49"/>
        <source>Needed when the resident cannot be activated</source>
        <translation>Bắt buộc khi công dân không thể kích hoạt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="52"/>
        <source>Anything worth keeping; required for “Other reason”</source>
        <translation>Thông tin cần lưu; bắt buộc với “Lý do khác”</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="56"/>
        <source>The resident&apos;s working phone number, if the list&apos;s one is wrong</source>
        <translation>Số điện thoại đang dùng của công dân, nếu số trong danh sách sai</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="62"/>
        <source>The day of the visit</source>
        <translation>Ngày đến nhà</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="67"/>
        <source>When to come back</source>
        <translation>Ngày hẹn quay lại</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="74"/>
        <source>&amp;Outcome:</source>
        <translation>&amp;Kết quả:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="75"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="76"/>
        <source>&amp;Note:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="77"/>
        <source>New &amp;phone:</source>
        <translation>Số điện thoại &amp;mới:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="78"/>
        <source>Visit &amp;date:</source>
        <translation>&amp;Ngày đến:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="79"/>
        <source>Come &amp;back on:</source>
        <translation>Hẹn &amp;quay lại ngày:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="107"/>
        <source>Outcome for %1</source>
        <translation>Kết quả cho %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/outcome_dialog.py" line="108"/>
        <source>%n resident(s):</source>
        <translation>
            <numerusform>%n công dân:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/outcome_dialog.py" line="111"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… và %n người khác</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="126"/>
        <source>(choose a reason)</source>
        <translation>(chọn lý do)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="126"/>
        <source>(none)</source>
        <translation>(không)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="145"/>
        <source>Choose the outcome first.</source>
        <translation>Hãy chọn kết quả trước.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="149"/>
        <source>Choose why the resident cannot be activated.</source>
        <translation>Hãy chọn lý do công dân không thể kích hoạt.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/outcome_dialog.py" line="153"/>
        <source>Write the reason in the note.</source>
        <translation>Hãy ghi lý do vào ô ghi chú.</translation>
    </message>
</context>
<context>
    <name>PackExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="40"/>
        <source>Export a team pack</source>
        <translation>Xuất gói danh sách cho tổ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="44"/>
        <source>The team that will take the workbook to the hamlet</source>
        <translation>Tổ sẽ mang bảng tính xuống thôn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="48"/>
        <source>%1 (%2 residents)</source>
        <translation>%1 (%2 công dân)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="52"/>
        <source>Hide ID and phone numbers (show only the last digits)</source>
        <translation>Ẩn số định danh và số điện thoại (chỉ hiện vài số cuối)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="54"/>
        <source>For volunteers who do not need the full numbers</source>
        <translation>Dành cho tình nguyện viên không cần số đầy đủ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="56"/>
        <source>&amp;Team:</source>
        <translation>&amp;Tổ:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="74"/>
        <source>There is no working team yet: create one in Teams.</source>
        <translation>Chưa có tổ nào đang hoạt động: hãy tạo tổ ở mục Tổ.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="80"/>
        <source>Save the team pack</source>
        <translation>Lưu gói danh sách của tổ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="81"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="93"/>
        <source>Choose a team and where to save the pack.</source>
        <translation>Hãy chọn tổ và nơi lưu gói.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="100"/>
        <source>Writing the pack…</source>
        <translation>Đang lập gói…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="106"/>
        <source>Pack written for “%1”: %2 residents in %3 households.
%4</source>
        <translation>Đã lập gói cho “%1”: %2 công dân thuộc %3 hộ.
%4</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="110"/>
        <source>It replaces the team&apos;s earlier pack; returns of the earlier one are still accepted.</source>
        <translation>Gói này thay gói trước của tổ; gói trước gửi về vẫn được nhận.</translation>
    </message>
</context>
<context>
    <name>PackImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="125"/>
        <source>Import a returned team pack</source>
        <translation>Nhập gói danh sách tổ gửi về</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="129"/>
        <source>The workbook the team filled in and sent back</source>
        <translation>Bảng tính tổ đã điền và gửi về</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="130"/>
        <source>The workbook the team sent back (.xlsx)</source>
        <translation>Tệp bảng tính tổ gửi về (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="131"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="133"/>
        <source>Choose the workbook on this computer or a USB stick</source>
        <translation>Chọn tệp bảng tính trên máy này hoặc trên USB</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="135"/>
        <source>&amp;Check</source>
        <translation>&amp;Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="137"/>
        <source>Read the file and show what would change, without changing anything</source>
        <translation>Đọc tệp và cho xem những gì sẽ thay đổi, chưa ghi gì</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="143"/>
        <source>Choose the workbook the team sent back, then press Check: the tabs below show what would be recorded, and nothing changes until you press Apply.</source>
        <translation>Chọn tệp bảng tính tổ gửi về rồi nhấn Kiểm tra: các thẻ bên dưới cho biết những gì sẽ được ghi; chưa có gì thay đổi cho đến khi bạn nhấn Ghi vào.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="151"/>
        <source>Conflicts</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="151"/>
        <source>To record</source>
        <translation>Sẽ ghi</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="152"/>
        <source>Rejected rows</source>
        <translation>Dòng bị loại</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="153"/>
        <source>Outside the team</source>
        <translation>Ngoài phạm vi tổ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="153"/>
        <source>Warnings</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="165"/>
        <source>&amp;Apply</source>
        <translation>&amp;Ghi vào</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="167"/>
        <source>Record the rows as shown in the preview</source>
        <translation>Ghi các dòng như trong phần xem trước</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="184"/>
        <source>Open a returned team pack</source>
        <translation>Mở gói danh sách tổ gửi về</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="186"/>
        <source>Workbooks (*.xlsx *.ods *.xls)</source>
        <translation>Bảng tính (*.xlsx *.ods *.xls)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="196"/>
        <source>Choose the returned workbook first.</source>
        <translation>Hãy chọn bảng tính tổ gửi về trước.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="205"/>
        <source>Checking the pack…</source>
        <translation>Đang kiểm tra gói…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="205"/>
        <source>Applying the pack…</source>
        <translation>Đang ghi gói…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="227"/>
        <source>Applied. %1</source>
        <translation>Đã ghi. %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="235"/>
        <source>Team “%1”: %2 rows read; %3 to record, %4 already recorded, %5 blank; %6 conflicts, %7 rejected, %8 outside the team.</source>
        <translation>Tổ “%1”: đọc %2 dòng; %3 dòng sẽ ghi, %4 dòng đã có, %5 dòng trống; %6 xung đột, %7 bị loại, %8 ngoài phạm vi tổ.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="253"/>
        <source>This is an earlier pack of the team; its rows are still checked and accepted.</source>
        <translation>Đây là gói cũ của tổ; các dòng vẫn được kiểm tra và tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="264"/>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="267"/>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="271"/>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="276"/>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="264"/>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="267"/>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="271"/>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="280"/>
        <source>Resident</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="264"/>
        <source>In the pack</source>
        <translation>Trong gói</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="264"/>
        <source>At the commune</source>
        <translation>Tại xã</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="265"/>
        <source>Result</source>
        <translation>Kết quả xử lý</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="267"/>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="271"/>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="276"/>
        <source>Sheet</source>
        <translation>Trang tính</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="267"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="267"/>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="271"/>
        <source>Resident id</source>
        <translation>Mã công dân</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="272"/>
        <source>Outcome written</source>
        <translation>Kết quả đã ghi</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="276"/>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="276"/>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="280"/>
        <source>Hamlet</source>
        <translation>Thôn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="280"/>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="280"/>
        <source>Now</source>
        <translation>Hiện tại</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pack_dialogs.py" line="280"/>
        <source>After merging</source>
        <translation>Sau khi gộp</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="241"/>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="242"/>
        <source>Nothing has been changed yet. Check the figures, then press Import.</source>
        <translation>Chưa có gì thay đổi. Kiểm tra số liệu rồi nhấn Nhập.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="244"/>
        <source>&amp;Import</source>
        <translation>&amp;Nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="251"/>
        <source>Every row can be imported: no rejected rows and no warnings.</source>
        <translation>Mọi dòng đều nhập được: không có dòng bị loại, không có cảnh báo.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="260"/>
        <source>I have checked: this is the right file, import it anyway</source>
        <translation>Tôi đã kiểm tra: đúng tệp này, vẫn nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="282"/>
        <source>Reading the list…</source>
        <translation>Đang đọc danh sách…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="293"/>
        <source>Checking every row…</source>
        <translation>Đang kiểm tra từng dòng…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="322"/>
        <source>This list does not look like this commune&apos;s: it holds %1 residents in %2 hamlets, the commune has %3 residents in %4 hamlets. It may be a district&apos;s or a province&apos;s list. Check that you chose the right file before importing.</source>
        <translation>Danh sách này có vẻ không phải của xã: có %1 công dân ở %2 thôn, trong khi xã có %3 công dân ở %4 thôn. Có thể đây là danh sách của huyện hoặc của tỉnh. Hãy kiểm tra đã chọn đúng tệp trước khi nhập.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="326"/>
        <source>This list holds %1 residents in %2 hamlets: more hamlets than a commune has. It may be a district&apos;s or a province&apos;s list. Check that you chose the right file before importing.</source>
        <translation>Danh sách này có %1 công dân ở %2 thôn: nhiều thôn hơn số thôn của một xã. Có thể đây là danh sách của huyện hoặc của tỉnh. Hãy kiểm tra đã chọn đúng tệp trước khi nhập.</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="122"/>
        <source>Working</source>
        <translation>Đang xử lý</translation>
    </message>
</context>
<context>
    <name>ReasonPanel</name>
    <message>
        <location filename="../../ui/views/keying.py" line="72"/>
        <source>Press the number of the reason, or choose it and press Enter</source>
        <translation>Nhấn số của lý do, hoặc chọn rồi nhấn Enter</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="75"/>
        <source>What is the reason? (Enter to save, Escape to cancel)</source>
        <translation>Lý do là gì? (Enter để lưu, Esc để hủy)</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="76"/>
        <source>A note is needed for “Other reason”</source>
        <translation>Cần ghi chú cho “Lý do khác”</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="77"/>
        <source>Number: choose a reason · Enter: save · Escape: cancel</source>
        <translation>Số: chọn lý do · Enter: lưu · Esc: hủy</translation>
    </message>
    <message>
        <location filename="../../ui/views/keying.py" line="92"/>
        <source>%1 – why? (%2)</source>
        <translation>%1 – vì sao? (%2)</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="77"/>
        <source>Page / row</source>
        <translation>Trang / dòng</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="77"/>
        <source>Resident</source>
        <translation>Công dân</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="77"/>
        <source>On the photo</source>
        <translation>Trên ảnh</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="77"/>
        <source>Read from the photo</source>
        <translation>Đọc được từ ảnh</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="78"/>
        <source>To record</source>
        <translation>Sẽ ghi</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="94"/>
        <source>page %1, row %2</source>
        <translation>trang %1, dòng %2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="101"/>
        <source>(no change)</source>
        <translation>(không thay đổi)</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="361"/>
        <source>Importing</source>
        <translation>Đang nhập</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="368"/>
        <source>Run the import &amp;again</source>
        <translation>Nhập &amp;lại</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="370"/>
        <source>The import was cancelled and nothing was changed: run it again</source>
        <translation>Lần nhập đã bị hủy, chưa có gì thay đổi: chạy lại</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="386"/>
        <source>Do not close the window; Cancel stops the import and changes nothing.</source>
        <translation>Đừng đóng cửa sổ; nút Hủy dừng việc nhập và không thay đổi gì.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="388"/>
        <source>Importing the list…</source>
        <translation>Đang nhập danh sách…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard/pages.py" line="395"/>
        <source>Import finished. Press Next to see the log.</source>
        <translation>Đã nhập xong. Nhấn Tiếp để xem nhật ký.</translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <location filename="../../ui/dialogs/base.py" line="84"/>
        <source>The folder and file name to write</source>
        <translation>Thư mục và tên tệp sẽ ghi</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="85"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="87"/>
        <source>Choose the folder and the file name</source>
        <translation>Chọn thư mục và tên tệp</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="92"/>
        <source>Open &amp;folder</source>
        <translation>&amp;Mở thư mục</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="94"/>
        <source>Show the saved file in the file manager</source>
        <translation>Mở thư mục chứa tệp đã lưu</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="97"/>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="99"/>
        <source>Print the PDF that was just written</source>
        <translation>In tệp PDF vừa ghi</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="103"/>
        <source>&amp;Export</source>
        <translation>&amp;Xuất</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="106"/>
        <source>Write the file now</source>
        <translation>Ghi tệp ngay</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="113"/>
        <source>&amp;Save as:</source>
        <translation>Lư&amp;u vào:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="130"/>
        <source>The folder could not be opened here. The file is at:
%1</source>
        <translation>Không mở được thư mục trên máy này. Tệp nằm ở:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="155"/>
        <source>The document could not be printed.</source>
        <translation>Không in được tài liệu.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="185"/>
        <source>Nothing was written: choose another file name.</source>
        <translation>Chưa ghi gì: hãy chọn tên tệp khác.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="191"/>
        <source>Replace the file?</source>
        <translation>Thay tệp đã có?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/base.py" line="192"/>
        <source>“%1” already exists in %2.
Replace it with the new document?</source>
        <translation>Tệp “%1” đã có trong thư mục %2.
Thay bằng tài liệu mới?</translation>
    </message>
</context>
<context>
    <name>ScanReview</name>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="113"/>
        <source>two or more boxes ticked</source>
        <translation>tích từ hai ô trở lên</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="114"/>
        <source>a box crossed out or filled in</source>
        <translation>một ô bị gạch hoặc tô kín</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="115"/>
        <source>a faint mark</source>
        <translation>nét mờ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="116"/>
        <source>the boxes cannot be seen</source>
        <translation>không nhìn thấy các ô</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="117"/>
        <source>needs the reason</source>
        <translation>cần ghi lý do</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="120"/>
        <source>not an image</source>
        <translation>không phải ảnh</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="121"/>
        <source>the four corner squares are not all visible</source>
        <translation>không thấy đủ bốn ô vuông ở góc</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="122"/>
        <source>the corner squares do not fit a flat page</source>
        <translation>bốn ô vuông ở góc không khớp một trang phẳng</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="123"/>
        <source>the code at the top right cannot be read</source>
        <translation>không đọc được mã ở góc trên bên phải</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="124"/>
        <source>a page this database did not print</source>
        <translation>trang này không do cơ sở dữ liệu này in ra</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="125"/>
        <source>the table is not where it was printed (a fold or a curl?)</source>
        <translation>bảng không nằm đúng chỗ đã in (trang bị gấp hoặc cong?)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="333"/>
        <source>Reading photos</source>
        <translation>Đang đọc ảnh</translation>
    </message>
</context>
<context>
    <name>ScanReviewDialog</name>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="165"/>
        <source>Read photos of walk lists</source>
        <translation>Đọc ảnh phiếu xác minh</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="187"/>
        <source>1/K activated · 2/V absent · 3/X cannot be activated · 4/S wrong phone · 5/T refused · 6/H come back later · 0/C or Delete: no change · Enter: next</source>
        <translation>1/K đã kích hoạt · 2/V vắng mặt · 3/X không thể kích hoạt · 4/S sai số điện thoại · 5/T từ chối · 6/H hẹn quay lại · 0/C hoặc Delete: không thay đổi · Enter: dòng tiếp</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="198"/>
        <source>&amp;Record</source>
        <translation>&amp;Ghi nhận</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="225"/>
        <source>%1 page(s) read: %2 row(s) ticked clearly, %3 to check. Rows without a tick are not listed and change nothing.</source>
        <translation>Đã đọc %1 trang: %2 dòng tích rõ, %3 dòng cần kiểm tra. Dòng không có dấu tích không được liệt kê và không thay đổi gì.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/scan_review.py" line="229"/>
        <source>Not read, nothing recorded from it: %1 (%2). Photograph the whole page, flat, with its four corner squares and the code.</source>
        <translation>Không đọc được, không ghi gì từ ảnh này: %1 (%2). Hãy chụp cả trang, để phẳng, thấy đủ bốn ô vuông ở góc và mã.</translation>
    </message>
</context>
<context>
    <name>TaskBar</name>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="56"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="58"/>
        <source>Stop the work; nothing is saved</source>
        <translation>Dừng lại; không lưu gì</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="88"/>
        <source>Cancelling…</source>
        <translation>Đang hủy…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="102"/>
        <source>Done.</source>
        <translation>Xong.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="104"/>
        <source>Stopped.</source>
        <translation>Đã dừng.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="160"/>
        <source>Cancelled: nothing was changed.</source>
        <translation>Đã hủy: không có gì thay đổi.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="173"/>
        <source>Unexpected error (%1). Nothing was saved by this step; try again, and if it happens again tell the person who supports the program.</source>
        <translation>Lỗi ngoài dự kiến (%1). Bước này chưa lưu gì; hãy thử lại, nếu vẫn lỗi thì báo cho người hỗ trợ kỹ thuật của chương trình.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="191"/>
        <source>The folder “%1” does not exist. Check the database&apos;s path.</source>
        <translation>Thư mục “%1” không tồn tại. Hãy kiểm tra lại đường dẫn cơ sở dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="194"/>
        <source>This database cannot be opened by this version of Gõ Cửa (it was made by a newer version). Update the program.</source>
        <translation>Phiên bản Gõ Cửa này không mở được cơ sở dữ liệu này (nó được tạo bằng phiên bản mới hơn). Hãy cập nhật chương trình.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="198"/>
        <source>The file cannot be written or read: you may not write in that folder, or the file is open in another program (such as Excel). Close it or choose another folder, then try again.</source>
        <translation>Không ghi hoặc đọc được tệp: không có quyền ghi vào thư mục đó, hoặc tệp đang mở trong chương trình khác (ví dụ Excel). Hãy đóng tệp đó hoặc chọn thư mục khác rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="203"/>
        <location filename="../../ui/dialogs/progress.py" line="221"/>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>Ổ đĩa đã đầy. Hãy giải phóng bớt dung lượng rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="204"/>
        <source>The file or folder cannot be used. Check that it exists and that you may write there, then try again.</source>
        <translation>Không dùng được tệp hoặc thư mục này. Hãy kiểm tra nó có tồn tại và có quyền ghi vào đó không, rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="211"/>
        <source>The database is busy: another program (or another Gõ Cửa window) is writing to it. Wait a moment and try again.</source>
        <translation>Cơ sở dữ liệu đang bận: một chương trình khác (hoặc một cửa sổ Gõ Cửa khác) đang ghi vào. Hãy chờ một lát rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="215"/>
        <source>The database file cannot be written: it is read-only or in a folder you may not write to. Copy it to a folder of your own and open the copy.</source>
        <translation>Không ghi được vào tệp cơ sở dữ liệu: tệp chỉ đọc hoặc nằm trong thư mục không có quyền ghi. Hãy chép tệp sang thư mục của mình rồi mở bản chép.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/progress.py" line="189"/>
        <location filename="../../ui/dialogs/progress.py" line="219"/>
        <source>This file is not a Gõ Cửa database, or it is damaged.</source>
        <translation>Tệp này không phải cơ sở dữ liệu Gõ Cửa, hoặc đã bị hỏng.</translation>
    </message>
</context>
<context>
    <name>TeamsModel</name>
    <message>
        <location filename="../../ui/models/teams_model.py" line="62"/>
        <source>Team</source>
        <translation>Tổ</translation>
    </message>
    <message>
        <location filename="../../ui/models/teams_model.py" line="62"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../ui/models/teams_model.py" line="62"/>
        <source>Lead</source>
        <translation>Tổ trưởng</translation>
    </message>
    <message>
        <location filename="../../ui/models/teams_model.py" line="63"/>
        <source>Hamlets</source>
        <translation>Thôn</translation>
    </message>
    <message>
        <location filename="../../ui/models/teams_model.py" line="63"/>
        <source>Assigned</source>
        <translation>Được giao</translation>
    </message>
    <message>
        <location filename="../../ui/models/teams_model.py" line="64"/>
        <source>Visited</source>
        <translation>Đã đến</translation>
    </message>
    <message>
        <location filename="../../ui/models/teams_model.py" line="64"/>
        <source>Activated</source>
        <translation>Đã kích hoạt</translation>
    </message>
    <message>
        <location filename="../../ui/models/teams_model.py" line="65"/>
        <source>Remaining</source>
        <translation>Còn lại</translation>
    </message>
    <message>
        <location filename="../../ui/models/teams_model.py" line="100"/>
        <source>%1 (retired)</source>
        <translation>%1 (đã giải thể)</translation>
    </message>
    <message>
        <location filename="../../ui/models/teams_model.py" line="138"/>
        <source>Reported by the team: %1 · confirmed by the system: %2</source>
        <translation>Tổ báo cáo: %1 · hệ thống xác nhận: %2</translation>
    </message>
    <message>
        <location filename="../../ui/models/teams_model.py" line="141"/>
        <source>Drop residents here to assign them to this team</source>
        <translation>Thả công dân vào đây để giao cho tổ này</translation>
    </message>
</context>
<context>
    <name>TeamsView</name>
    <message>
        <location filename="../../ui/views/teams.py" line="62"/>
        <source>Teams and their load; drop residents on a team to assign them</source>
        <translation>Các tổ và khối lượng việc; thả công dân vào một tổ để giao</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="66"/>
        <source>Assign every hamlet to its teams</source>
        <translation>Giao mỗi thôn cho các tổ phụ trách</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="68"/>
        <source>Each team gets the residents of the hamlets it covers; a hamlet covered by several teams is shared by households</source>
        <translation>Mỗi tổ nhận công dân của các thôn mình phụ trách; thôn có nhiều tổ thì chia theo hộ</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="73"/>
        <source>The hamlet to share out</source>
        <translation>Thôn cần chia</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="76"/>
        <source>Tick the teams that share the hamlet</source>
        <translation>Đánh dấu các tổ cùng chia thôn</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="78"/>
        <source>Only residents not yet on a team</source>
        <translation>Chỉ công dân chưa được giao</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="80"/>
        <source>Leave residents already on a working team where they are</source>
        <translation>Giữ nguyên công dân đã được giao cho một tổ đang hoạt động</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="81"/>
        <source>Share out by households</source>
        <translation>Chia theo hộ</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="83"/>
        <source>Split the hamlet&apos;s households among the ticked teams, neighbours together, near-even numbers of residents</source>
        <translation>Chia các hộ của thôn cho các tổ đã đánh dấu, hộ liền kề đi cùng nhau, số công dân gần đều</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="86"/>
        <source>Assign residents</source>
        <translation>Giao công dân</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="89"/>
        <source>&amp;Hamlet:</source>
        <translation>T&amp;hôn:</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="90"/>
        <source>T&amp;eams:</source>
        <translation>Các tổ:</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="93"/>
        <source>Tip: select residents in the Residents view and drag them onto a team.</source>
        <translation>Mẹo: chọn công dân ở mục Công dân rồi kéo thả vào một tổ.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="106"/>
        <source>A short name everyone recognises, e.g. “Tổ công tác thôn Nà Thí”</source>
        <translation>Tên ngắn gọn, dễ nhận biết, ví dụ “Tổ công tác thôn Nà Thí”</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="112"/>
        <source>Which organisation the team comes from</source>
        <translation>Tổ thuộc lực lượng nào</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="113"/>
        <source>(not set)</source>
        <translation>(chưa chọn)</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="118"/>
        <source>The team lead&apos;s full name</source>
        <translation>Họ và tên tổ trưởng</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="121"/>
        <source>The team lead&apos;s phone number</source>
        <translation>Số điện thoại của tổ trưởng</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="125"/>
        <source>One name per line</source>
        <translation>Mỗi dòng một tên</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="130"/>
        <source>Tick the hamlets this team covers</source>
        <translation>Đánh dấu các thôn tổ phụ trách</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="131"/>
        <source>&amp;New team</source>
        <translation>Tổ &amp;mới</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="133"/>
        <source>Empty the form to add another team</source>
        <translation>Xóa trắng biểu mẫu để thêm tổ khác</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="135"/>
        <source>&amp;Save</source>
        <translation>Lư&amp;u</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="137"/>
        <source>Save the team&apos;s name, lead, members and hamlets</source>
        <translation>Lưu tên tổ, tổ trưởng, thành viên và các thôn phụ trách</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="140"/>
        <location filename="../../ui/views/teams.py" line="326"/>
        <source>&amp;Retire</source>
        <translation>G&amp;iải thể</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="142"/>
        <source>A retired team keeps its history but takes no new residents</source>
        <translation>Tổ đã giải thể vẫn giữ lịch sử nhưng không nhận thêm công dân</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="146"/>
        <source>The team that takes over this team&apos;s residents and hamlets</source>
        <translation>Tổ nhận lại công dân và thôn của tổ này</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="147"/>
        <source>&amp;Merge into</source>
        <translation>&amp;Sáp nhập vào</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="149"/>
        <source>Move this team&apos;s residents and hamlets to the team chosen beside, then retire this team</source>
        <translation>Chuyển công dân và các thôn của tổ này sang tổ chọn bên cạnh, rồi giải thể tổ này</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="162"/>
        <source>Na&amp;me:</source>
        <translation>&amp;Tên tổ:</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="163"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Loại:</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="164"/>
        <source>&amp;Lead:</source>
        <translation>Tổ t&amp;rưởng:</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="167"/>
        <source>Lead&apos;s &amp;phone:</source>
        <translation>&amp;Điện thoại:</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="168"/>
        <source>Mem&amp;bers:</source>
        <translation>Thành &amp;viên:</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="169"/>
        <source>Hamlets co&amp;vered:</source>
        <translation>Thô&amp;n phụ trách:</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="180"/>
        <source>Team</source>
        <translation>Tổ</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="217"/>
        <source>Teams</source>
        <translation>Các tổ</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="319"/>
        <source>Edit team “%1”</source>
        <translation>Sửa tổ “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="326"/>
        <source>Re&amp;activate</source>
        <translation>&amp;Hoạt động lại</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="341"/>
        <source>New team</source>
        <translation>Tổ mới</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="370"/>
        <source>A team needs a name.</source>
        <translation>Tổ cần có tên.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="394"/>
        <source>Team “%1” created.</source>
        <translation>Đã tạo tổ “%1”.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="394"/>
        <source>Team “%1” saved.</source>
        <translation>Đã lưu tổ “%1”.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="408"/>
        <source>Retire team “%1”? It keeps its residents and history but takes no new assignments.</source>
        <translation>Giải thể tổ “%1”? Tổ vẫn giữ công dân và lịch sử nhưng không nhận giao thêm.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="417"/>
        <source>Team “%1” retired.</source>
        <translation>Đã giải thể tổ “%1”.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="417"/>
        <source>Team “%1” is working again.</source>
        <translation>Tổ “%1” đã hoạt động lại.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="431"/>
        <source>Merge team “%1” into “%2”? Its residents and hamlets move to “%2”; its history is kept.</source>
        <translation>Sáp nhập tổ “%1” vào “%2”? Công dân và thôn chuyển sang “%2”; lịch sử được giữ.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="440"/>
        <source>Merged: %1 resident(s) moved to “%2”.</source>
        <translation>Đã sáp nhập: %1 công dân chuyển sang “%2”.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="457"/>
        <source>Done: %1 newly assigned, %2 moved from another team, %3 unchanged.</source>
        <translation>Xong: %1 công dân được giao mới, %2 chuyển từ tổ khác, %3 không đổi.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="467"/>
        <source>Assigning by hamlet</source>
        <translation>Đang giao theo thôn</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="479"/>
        <source>Choose a hamlet and tick at least one team.</source>
        <translation>Hãy chọn thôn và đánh dấu ít nhất một tổ.</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="485"/>
        <source>Sharing out the hamlet</source>
        <translation>Đang chia thôn</translation>
    </message>
    <message>
        <location filename="../../ui/views/teams.py" line="497"/>
        <source>Assigning residents</source>
        <translation>Đang giao công dân</translation>
    </message>
</context>
</TS>
